import { useEffect, useRef, useState } from 'react';
import type { FormInstance } from 'antd';
import type { ApiOutput } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';

type Settings = ApiOutput<'settings.get'>;

/** Fills a settings card's form from the saved settings once; false until then, so the card stays
 *  disabled and an early 保存 cannot overwrite a setting with an empty field. */
export function useSettingsForm<T>(form: FormInstance<T>, pick: (settings: Settings) => T): boolean {
  const [loaded, setLoaded] = useState(false);
  // The card passes a fresh literal each render; the first one decides what is loaded, once.
  const picked = useRef(pick);
  useEffect(() => {
    void invoke('settings.get', {}).then((s) => {
      form.setFieldsValue(picked.current(s) as Parameters<FormInstance<T>['setFieldsValue']>[0]);
      setLoaded(true);
    }, () => undefined);
  }, [form]);
  return loaded;
}
