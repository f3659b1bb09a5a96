import { describe, expect, it } from 'vitest';
import { cachedNameSortKey, compareNames, namePinyinInitials, nameSortKey, textSortKey } from '../../src-main/core/domain/pinyin';

/** Level 1 of the key: toneless syllables. */
function reading(name: string): string {
  return nameSortKey(name).split('\u0001')[0] as string;
}

function sortByKey(names: readonly string[]): string[] {
  return names
    .map((name) => ({ name, key: nameSortKey(name) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((entry) => entry.name);
}

describe('nameSortKey: surname readings', () => {
  it.each([
    ['曾国藩', 'zeng guo fan'],
    ['单雄信', 'shan xiong xin'],
    ['解缙', 'xie jin'],
    ['仇英', 'qiu ying'],
    ['区小明', 'ou xiao ming'],
    ['查良镛', 'zha liang yong'],
    ['朴志勇', 'piao zhi yong'],
    ['盖聂', 'ge nie'],
    ['尉迟恭', 'yu chi gong'],
    ['万俟卨', 'mo qi xie'],
    ['乐毅', 'yue yi'],
    ['缪小明', 'miao xiao ming'],
    ['翟志刚', 'zhai zhi gang'],
    ['覃小红', 'qin xiao hong'],
    ['长孙无忌', 'zhang sun wu ji'],
  ])('%s reads %s', (name, expected) => {
    expect(reading(name)).toBe(expected);
  });

  it.each([
    ['欧阳修', 'ou yang xiu'],
    ['司马光', 'si ma guang'],
    ['诸葛亮', 'zhu ge liang'],
    ['上官婉儿', 'shang guan wan er'],
    ['东方朔', 'dong fang shuo'],
    ['皇甫嵩', 'huang fu song'],
    ['令狐冲', 'ling hu chong'],
    ['慕容复', 'mu rong fu'],
    ['司徒雷登', 'si tu lei deng'],
    ['端木蕻良', 'duan mu hong liang'],
    ['公孙策', 'gong sun ce'],
    ['轩辕明', 'xuan yuan ming'],
    ['夏侯惇', 'xia hou dun'],
    ['宇文泰', 'yu wen tai'],
    ['澹台灭明', 'tan tai mie ming'],
  ])('compound surname %s reads %s', (name, expected) => {
    expect(reading(name)).toBe(expected);
  });

  it('files each multi-reading surname under its surname initial', () => {
    expect(nameSortKey('单雄信').charAt(0)).toBe('s');
    expect(nameSortKey('曾国藩').charAt(0)).toBe('z');
    expect(nameSortKey('解缙').charAt(0)).toBe('x');
    expect(nameSortKey('区小明').charAt(0)).toBe('o');
    expect(nameSortKey('仇英').charAt(0)).toBe('q');
    expect(nameSortKey('朴志勇').charAt(0)).toBe('p');
  });

  it('uses surname readings only at the head of the name', () => {
    expect(reading('曾乐乐')).toBe('zeng le le');
    expect(reading('王单')).toBe('wang dan');
    expect(reading('李曾')).toBe('li ceng');
    expect(reading('张长江')).toBe('zhang chang jiang');
  });

  it('reads the given name as a word of its own, not run together with the surname', () => {
    // Read in one piece, 王朝 would be 'dynasty' (wáng cháo) and 重 would go wrong too.
    expect(reading('王朝霞')).toBe('wang zhao xia');
    expect(reading('李重阳')).toBe('li chong yang');
  });

  it('reads a two-character name starting with a compound surname as surname and given name', () => {
    expect(reading('欧阳')).toBe('ou yang');
    expect(reading('长孙')).toBe('chang sun');
  });

  it('does not apply surname readings to transliterated names with a middle dot', () => {
    expect(reading('单增·多吉')).toBe('dan zeng duo ji');
  });
});

describe('nameSortKey: ordering', () => {
  it('sorts a mixed roster by pinyin, surname first', () => {
    const expected = [
      '阿依古丽·买买提', // a yi gu li …
      '安娜', // an na
      '白雪', // bai xue
      '曹操', // cao cao
      '丁一', // ding yi
      '李明', // li ming
      '卢布', // lu bu (lú)
      '吕布', // lu bu (lǚ): after lu, before luan
      '陆小凤', // lu xiao feng
      '罗成', // luo cheng
      '区小明', // ou xiao ming
      '欧阳修', // ou yang xiu
      '单雄信', // shan xiong xin
      'Tom李', // tom li
      '汪芳', // wang fang (wāng)
      '王芳', // wang fang (wáng)
      '谢安', // xie an
      '解缙', // xie jin
      '尉迟恭', // yu chi gong
      '乐毅', // yue yi
      '曾国藩', // zeng guo fan
      '查良镛', // zha liang yong
      '张三', // zhang san
      '长孙无忌', // zhang sun wu ji
    ];
    const shuffled = [...expected].reverse();
    shuffled.push(...shuffled.splice(0, 7));
    expect(sortByKey(shuffled)).toEqual(expected);
    expect([...shuffled].sort(compareNames)).toEqual(expected);
  });

  it('orders lü like a dictionary: lu < lü < luan < lüe < lun < luo', () => {
    expect(sortByKey(['罗', '论', '略', '乱', '吕', '卢'])).toEqual(['卢', '吕', '乱', '略', '论', '罗']);
    expect(sortByKey(['女', '奴', '暖'])).toEqual(['奴', '女', '暖']);
  });

  it('puts shorter names first when one reading is a prefix of the other', () => {
    expect(sortByKey(['王芳芳', '王芳', '王'])).toEqual(['王', '王芳', '王芳芳']);
  });

  it('orders same-reading names by tone, then by the name itself', () => {
    expect(sortByKey(['王洋', '汪洋'])).toEqual(['汪洋', '王洋']);
    // 杨 and 阳 are both yáng: the name itself breaks the tie, deterministically.
    const a = nameSortKey('李杨');
    const b = nameSortKey('李阳');
    expect(a).not.toBe(b);
    expect(a.split('\u0001').slice(0, 2)).toEqual(b.split('\u0001').slice(0, 2));
    expect(sortByKey(['李阳', '李杨'])).toEqual(sortByKey(['李杨', '李阳']));
  });

  it('gives distinct names distinct keys and the same name the same key', () => {
    const names = ['王芳', '王 芳', '王　芳', '汪芳', '王芳 ', 'wang fang'];
    expect(new Set(names.map(nameSortKey)).size).toBe(names.length);
    expect(nameSortKey('王芳')).toBe(nameSortKey('王芳'));
    // Padding does not change where a name files.
    expect(reading('王　芳')).toBe('wang fang');
    expect(reading(' 王 芳 ')).toBe('wang fang');
  });

  it('keeps the reading levels free of the separator', () => {
    for (const name of ['王芳', 'Tom李', '阿依古丽·买买提', '']) {
      expect(nameSortKey(name).split('\u0001')).toHaveLength(3);
      expect(nameSortKey(name).endsWith(`\u0001${name}`)).toBe(true);
    }
  });
});

describe('nameSortKey: rare characters and non-Han text', () => {
  it('reads rare characters common in names', () => {
    expect(reading('刘䶮')).toBe('liu yan');
    expect(reading('王堃')).toBe('wang kun');
    expect(reading('张喆')).toBe('zhang zhe');
    expect(reading('陶喆')).toBe('tao zhe');
    expect(reading('王𠮷')).toBe('wang ji'); // U+20BB7, outside the BMP
    expect(reading('朱镕基')).toBe('zhu rong ji');
  });

  it('keeps a character without a known reading as its own token, after all pinyin', () => {
    expect(reading('王䘵')).toBe('wang 䘵');
    expect(sortByKey(['王䘵', '王卓'])).toEqual(['王卓', '王䘵']);
  });

  it('handles minority names with a middle dot in any of its common forms', () => {
    const expected = 'a yi gu li mai mai ti';
    expect(reading('阿依古丽·买买提')).toBe(expected);
    expect(reading('阿依古丽•买买提')).toBe(expected);
    expect(reading('阿依古丽・买买提')).toBe(expected);
    expect(reading('阿依古丽．买买提')).toBe(expected);
    expect(reading('阿依古丽.买买提')).toBe(expected);
    expect(reading('买买提·艾力')).toBe('mai mai ti ai li');
  });

  it('lowercases letters, folds full-width forms and diacritics, keeps digits', () => {
    expect(reading('Tom李')).toBe('tom li');
    expect(reading('ＴＯＭ 李')).toBe('tom li');
    expect(reading('José王')).toBe('jose wang');
    expect(reading('李2')).toBe('li 2');
    expect(reading('Mary Smith')).toBe('mary smith');
  });

  it('reads compatibility ideographs as their unified characters', () => {
    expect(reading('\uf9b2')).toBe('ling'); // U+F9B2, the compatibility form of 零
    expect(nameSortKey('王\uf9b2').split('\u0001')[1]).toBe(nameSortKey('王零').split('\u0001')[1]);
  });

  it('copes with empty and punctuation-only names', () => {
    expect(nameSortKey('')).toBe('\u0001\u0001');
    expect(nameSortKey('·')).toBe('\u0001\u0001·');
    expect(sortByKey(['王芳', ''])).toEqual(['', '王芳']);
  });
});

describe('namePinyinInitials', () => {
  it.each([
    ['曾小明', 'zxm'],
    ['单雄信', 'sxx'],
    ['区小明', 'oxm'],
    ['欧阳娜娜', 'oynn'],
    ['尉迟恭', 'ycg'],
    ['长孙无忌', 'zswj'],
    ['阿依古丽·买买提', 'ayglmmt'],
    ['王　芳', 'wf'],
    ['Tom李', 'tl'],
    ['吕布', 'lb'],
    ['刘䶮', 'ly'],
    ['', ''],
  ])('%s → %s', (name, initials) => {
    expect(namePinyinInitials(name)).toBe(initials);
  });
});

describe('nameSortKey: repeated use', () => {
  it('returns the same keys however often and in whatever order it is asked', () => {
    const names = ['曾国藩', '王朝霞', '单雄信', '欧阳修', '阿依古丽·买买提', 'Tom李'];
    const first = names.map(nameSortKey);
    for (let round = 0; round < 3; round++) {
      expect([...names].reverse().map(nameSortKey).reverse()).toEqual(first);
    }
  });

  it('gives the same keys through the bulk loads\' cache, names repeated or not', () => {
    const names = ['曾国藩', '王芳', '王芳', '单雄信', '王  芳', '单雄信', 'Tom李'];
    const cached = cachedNameSortKey();
    expect(names.map(cached)).toEqual(names.map(nameSortKey));
    expect(names.map(cached)).toEqual(names.map(nameSortKey));
  });
});

describe('textSortKey (units)', () => {
  it('reads a unit name as plain text, without surname readings at its head', () => {
    expect(textSortKey('区人民医院').startsWith('qu')).toBe(true);
    expect(nameSortKey('区伟').startsWith('ou')).toBe(true);
    const units = ['中心医院', '区人民医院', '阿里巴巴公司', 'ABC 贸易公司', '曾经商店'];
    expect([...units].sort((a, b) => (textSortKey(a) < textSortKey(b) ? -1 : 1))).toEqual(['阿里巴巴公司', 'ABC 贸易公司', '曾经商店', '区人民医院', '中心医院']);
  });
});
