import type { IdType, ReadDb, WriteDb } from './schema';
import { nameSortKey } from '../domain/pinyin';

export interface NewPersonValues {
  name: string;
  gender: 'M' | 'F' | null;
  idType: IdType;
  idNumber: string | null;
  birthDate: string | null;
  phone: string | null;
  guardianName: string | null;
  guardianRelation: string | null;
  guardianPhone: string | null;
  guardianConsentOn: string | null;
  guardianConsentMethod: string | null;
}

export async function findPersonByIdNumber(db: ReadDb, idType: IdType, idNumber: string) {
  return db.selectFrom('person').selectAll().where('id_type', '=', idType).where('id_number', '=', idNumber).executeTakeFirst();
}

export async function insertPerson(db: WriteDb, values: NewPersonValues, at: string): Promise<number> {
  const { id } = await db
    .insertInto('person')
    .values({
      name: values.name,
      name_sort_key: nameSortKey(values.name),
      gender: values.gender,
      id_type: values.idType,
      id_number: values.idNumber,
      birth_date: values.birthDate,
      phone: values.phone,
      guardian_name: values.guardianName,
      guardian_relation: values.guardianRelation,
      guardian_phone: values.guardianPhone,
      guardian_consent_on: values.guardianConsentOn,
      guardian_consent_method: values.guardianConsentMethod,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
