/**
 * Given and family names by culture, as the people of each place write them: Gaelic and
 * Welsh accents, Irish O' and Ó/Ní forms, Polish, Russian, Ukrainian, Greek and Icelandic
 * family names that change with sex (`male/female`), Vietnamese given names with a
 * middle name, Japanese family names with 𠮷 (U+20BB7, outside the BMP: 4 bytes in UTF-8).
 * Lists are `|`-separated. No name contains a comma, a double quote or a line break: the
 * rare names that need CSV quoting are made by person.ts (nicknames, suffixes).
 */
interface CultureSource {
  male: string;
  female: string;
  family: string;
  /** Share of people given a double-barrelled family name (Smith-Jones). */
  doubleBarrel?: number;
  /** Given name → nickname, written `William "Bill"` in a small share of rows. */
  nicknames?: Record<string, string>;
  /** Written as a family-name suffix, `Smith, Jr.`, in a small share of rows. */
  suffixes?: string;
}

const ENGLISH_NICKNAMES = {
  William: 'Bill',
  Robert: 'Bob',
  James: 'Jim',
  Thomas: 'Tom',
  Richard: 'Dick',
  Edward: 'Ted',
  Elizabeth: 'Betty',
  Margaret: 'Peggy',
  Mary: 'Molly',
  Catherine: 'Kate',
  Patricia: 'Patty',
};

const SOURCES: Record<string, CultureSource> = {
  scottish: {
    male: 'James|John|William|Robert|David|Alexander|Thomas|Andrew|Hamish|Angus|Callum|Ruaridh|Ùisdean|Iain|Alasdair|Euan|Fraser',
    female:
      'Margaret|Mary|Elizabeth|Agnes|Isabella|Jean|Catherine|Eilidh|Mòrag|Seònaid|Catrìona|Kirsty|Fiona|Isla|Ailsa|Mhairi',
    family:
      'Smith|Brown|Wilson|Robertson|Campbell|Stewart|Thomson|Anderson|MacDonald|McDonald|Scott|Reid|Murray|Taylor|Clark|Ross|Paterson|Fraser|MacLeod|Mackenzie|McIntyre|Mac an t-Saoir/Nic an t-Saoir|Cruickshank|Ferguson|Buchanan|Gilchrist|MacGregor|Mac Dhòmhnaill/Nic Dhòmhnaill',
    doubleBarrel: 0.01,
    nicknames: ENGLISH_NICKNAMES,
  },
  ulster: {
    male: 'Samuel|William|Robert|Patrick|Seamus|Éamonn|Gerard|Darren|Ciarán|Ryan|Mark|Stephen|Jonathan|Mervyn',
    female: 'Mary|Sarah|Margaret|Bernadette|Siobhán|Róisín|Aoife|Claire|Emma|Rachel|Nuala|Eimear|Grainne',
    family:
      "Wilson|Campbell|Thompson|Patterson|McKee|McCartney|O'Neill|Quinn|Doherty|McLaughlin|Devlin|Hughes|McAuley|Gibson|Greer|McGuinness|Ó Néill/Ní Néill|O'Hagan",
    nicknames: ENGLISH_NICKNAMES,
  },
  welsh: {
    male: 'Dafydd|Rhys|Gareth|Emyr|Iwan|Llŷr|Siôn|Gruffudd|Owain|Huw|Dewi|Ieuan|Gwilym|Aled|Bryn',
    female: 'Rhiannon|Ffion|Angharad|Gwenllïan|Siân|Carys|Eluned|Bethan|Nia|Mali|Lowri|Catrin|Non|Megan|Efa',
    family:
      'Jones|Williams|Davies|Evans|Thomas|Roberts|Hughes|Lewis|Morgan|Griffiths|Price|Pritchard|Vaughan|Llewellyn|ap Rhys|ap Gwilym|Bowen|Powell|Parry|Pugh|Lloyd|Gruffydd|Jones-Parry',
    doubleBarrel: 0.02,
  },
  english: {
    male: 'John|William|George|Thomas|James|Charles|Henry|Edward|Arthur|Oliver|Harry|Jack|Alfie|Frederick',
    female: 'Mary|Elizabeth|Sarah|Alice|Emily|Florence|Edith|Olivia|Amelia|Charlotte|Grace|Lily|Ada|Beatrice|Zoë',
    family:
      'Smith|Jones|Taylor|Brown|Johnson|Walker|Wright|Robinson|Thompson|White|Hughes|Edwards|Green|Hall|Wood|Harris|Clarke|Cooper|Bowes-Lyon|Featherstonehaugh|Smythe|de Havilland|ffoulkes',
    doubleBarrel: 0.03,
    nicknames: ENGLISH_NICKNAMES,
  },
  irish: {
    male: 'Seán|Patrick|Pádraig|Michael|Liam|Conor|Ciarán|Oisín|Cathal|Dónal|Eoin|Niall|Darragh|Cian|Tadhg',
    female: 'Mary|Siobhán|Aoife|Niamh|Caoimhe|Saoirse|Róisín|Máire|Sinéad|Gráinne|Éabha|Clodagh|Orla|Bríd|Ailbhe',
    family:
      "Murphy|Kelly|O'Brien|O'Sullivan|Walsh|Byrne|Ryan|O'Connor|O'Neill|O'Reilly|Doyle|McCarthy|Gallagher|D'Arcy|Fitzgerald|de Búrca|Ó Briain/Ní Bhriain|Ó Súilleabháin/Ní Shúilleabháin|Mac Cárthaigh/Nic Cárthaigh|Ó Dónaill/Ní Dhónaill|Mac Giolla Phádraig/Nic Giolla Phádraig",
    nicknames: ENGLISH_NICKNAMES,
  },
  american: {
    male: 'James|Robert|John|Michael|William|David|Richard|Joseph|Thomas|Christopher|José|Juan|Darnell|DeShawn|Wei',
    female:
      'Mary|Patricia|Jennifer|Linda|Elizabeth|Barbara|Susan|Jessica|Sarah|Karen|María|Guadalupe|Aaliyah|Keisha|Mei',
    family:
      "Smith|Johnson|Williams|Brown|Jones|García|Miller|Davis|Rodríguez|Martínez|Hernández|Lopez|Wilson|Anderson|Taylor|Moore|Jackson|Lee|Nguyen|O'Connor|Washington|Kowalski",
    nicknames: ENGLISH_NICKNAMES,
    suffixes: 'Jr.|Sr.|III',
  },
  polish: {
    male: 'Piotr|Krzysztof|Andrzej|Tomasz|Paweł|Michał|Marcin|Jakub|Łukasz|Grzegorz|Wojciech|Mateusz|Jędrzej|Zbigniew|Józef',
    female:
      'Anna|Maria|Katarzyna|Małgorzata|Agnieszka|Barbara|Ewa|Krystyna|Elżbieta|Zofia|Joanna|Magdalena|Jadwiga|Bożena|Grażyna',
    family:
      'Nowak|Kowalski/Kowalska|Wiśniewski/Wiśniewska|Wójcik|Kowalczyk|Kamiński/Kamińska|Lewandowski/Lewandowska|Zieliński/Zielińska|Szymański/Szymańska|Woźniak|Dąbrowski/Dąbrowska|Kozłowski/Kozłowska|Jankowski/Jankowska|Mazur|Krawczyk|Piotrowski/Piotrowska|Grabowski/Grabowska|Pawłowski/Pawłowska|Król|Wieczorek|Jabłoński/Jabłońska|Żak|Szczęsny/Szczęsna|Brzęczyszczykiewicz',
    doubleBarrel: 0.02,
  },
  greek: {
    male: 'Γιώργος|Δημήτρης|Κωνσταντίνος|Γιάννης|Νίκος|Παναγιώτης|Βασίλης|Χρήστος|Αθανάσιος|Μιχάλης|Ευάγγελος|Σπύρος|Αντώνης|Ηλίας',
    female:
      'Μαρία|Ελένη|Αικατερίνη|Βασιλική|Σοφία|Αγγελική|Γεωργία|Δήμητρα|Κωνσταντίνα|Παρασκευή|Ευαγγελία|Χριστίνα|Ιωάννα|Αναστασία',
    family:
      'Παπαδόπουλος/Παπαδοπούλου|Παπαγεωργίου|Οικονόμου|Γεωργίου|Νικολάου|Ιωάννου|Βασιλείου|Κωνσταντίνου|Δημητρίου|Παπαδάκης/Παπαδάκη|Μαυρίδης/Μαυρίδου|Αντωνόπουλος/Αντωνοπούλου|Καραγιάννης/Καραγιάννη|Παππάς/Παππά|Αλεξίου|Μακρής/Μακρή|Ζαχαρίου',
  },
  russian: {
    male: 'Александр|Сергей|Дмитрий|Андрей|Алексей|Иван|Михаил|Николай|Владимир|Евгений|Павел|Юрий|Фёдор|Пётр',
    female: 'Елена|Ольга|Наталья|Татьяна|Ирина|Светлана|Анна|Мария|Екатерина|Людмила|Юлия|Галина|Дарья|Алёна',
    family:
      'Иванов/Иванова|Смирнов/Смирнова|Кузнецов/Кузнецова|Попов/Попова|Васильев/Васильева|Петров/Петрова|Соколов/Соколова|Михайлов/Михайлова|Новиков/Новикова|Фёдоров/Фёдорова|Морозов/Морозова|Волков/Волкова|Лебедев/Лебедева|Козлов/Козлова|Соловьёв/Соловьёва|Толстой/Толстая|Достоевский/Достоевская|Черных|Римский-Корсаков/Римская-Корсакова',
  },
  ukrainian: {
    male: 'Олександр|Андрій|Дмитро|Сергій|Іван|Микола|Володимир|Олег|Юрій|Богдан|Тарас|Василь|Ярослав|Остап',
    female: "Олена|Наталія|Тетяна|Ірина|Марія|Оксана|Юлія|Ганна|Катерина|Світлана|Мар'яна|Мар’яна|Олеся|Ярина|Соломія",
    family:
      "Шевченко|Коваленко|Бондаренко|Ткаченко|Кравченко|Олійник|Мельник|Шевчук|Поліщук|Бойко|Лисенко|Марченко|Руденко|Савченко|Ковальський/Ковальська|Грушевський/Грушевська|Дем'яненко|Пʼятак",
  },
  japanese: {
    male: '翔太|大輔|健太|拓也|直樹|誠|浩|隆|太郎|健一|翔|蓮|大翔|悠真|湊',
    female: '花子|美咲|陽菜|さくら|結衣|愛|恵子|幸子|由美|真由美|葵|凛|結菜|ひまわり|千尋',
    family:
      '佐藤|鈴木|高橋|田中|伊藤|渡辺|山本|中村|小林|加藤|𠮷田|山田|佐々木|山口|松本|井上|木村|林|斎藤|清水|山崎|森|池田|橋本|阿部|石川|𠮷川|長谷川|小野|藤原',
  },
  chinese: {
    male: '伟|强|磊|军|洋|勇|杰|涛|明|超|刚|平|浩然|子轩|宇航|建国|志强|俊杰',
    female: '芳|娜|秀英|敏|静|丽|艳|娟|霞|秀兰|桂英|玉兰|欣怡|梓涵|诗涵|雨桐|婷婷|慧',
    family: '王|李|张|刘|陈|杨|黄|赵|吴|周|徐|孙|马|朱|胡|郭|何|高|林|罗|郑|梁|谢|宋|唐|欧阳|司马|诸葛|上官',
  },
  icelandic: {
    male: 'Jón|Sigurður|Guðmundur|Gunnar|Ólafur|Einar|Kristján|Magnús|Stefán|Jóhann|Björn|Þórður|Ásgeir|Halldór|Ragnar',
    female: 'Guðrún|Anna|Kristín|Sigríður|Margrét|Helga|Sigrún|Ingibjörg|Jóhanna|María|Þóra|Björk|Ásdís|Hildur|Sólveig',
    family:
      'Jónsson/Jónsdóttir|Sigurðsson/Sigurðardóttir|Guðmundsson/Guðmundsdóttir|Gunnarsson/Gunnarsdóttir|Ólafsson/Ólafsdóttir|Einarsson/Einarsdóttir|Kristjánsson/Kristjánsdóttir|Magnússon/Magnúsdóttir|Stefánsson/Stefánsdóttir|Jóhannsson/Jóhannsdóttir|Björnsson/Björnsdóttir|Þórðarson/Þórðardóttir|Halldórsson/Halldórsdóttir|Ragnarsson/Ragnarsdóttir|Árnason/Árnadóttir|Pétursson/Pétursdóttir',
  },
  turkish: {
    male: 'Mehmet|Mustafa|Ahmet|Ali|Hüseyin|Hasan|İbrahim|İsmail|Osman|Yusuf|Murat|Ömer|Emre|Çağrı|Barış|Oğuz',
    female: 'Fatma|Ayşe|Emine|Hatice|Zeynep|Elif|Meryem|Şerife|Zehra|Sultan|Hülya|Gül|Özlem|Çiğdem|Büşra|İrem',
    family:
      'Yılmaz|Kaya|Demir|Şahin|Çelik|Yıldız|Yıldırım|Öztürk|Aydın|Özdemir|Arslan|Doğan|Kılıç|Aslan|Çetin|Kara|Koç|Kurt|Özkan|Şimşek',
  },
  vietnamese: {
    male: 'Văn An|Minh Tuấn|Đức Anh|Quốc Bảo|Hữu Phước|Thành Long|Gia Huy|Hoàng Nam|Văn Hùng|Công Vinh',
    female: 'Thị Lan|Thị Hương|Ngọc Anh|Thu Trang|Phương Linh|Thanh Hà|Bảo Ngọc|Mỹ Duyên|Thị Mai|Khánh Linh',
    family: 'Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý',
  },
};

export interface Culture {
  readonly male: readonly string[];
  readonly female: readonly string[];
  /** Same length and order as familyFemale: index i is one family's two forms. */
  readonly familyMale: readonly string[];
  readonly familyFemale: readonly string[];
  readonly doubleBarrel: number;
  readonly nicknames: Readonly<Record<string, string>>;
  readonly suffixes: readonly string[];
}

function toCulture(source: CultureSource): Culture {
  const pairs = source.family.split('|').map((entry) => entry.split('/'));
  return {
    male: source.male.split('|'),
    female: source.female.split('|'),
    familyMale: pairs.map(([male]) => male!),
    familyFemale: pairs.map(([male, female]) => female ?? male!),
    doubleBarrel: source.doubleBarrel ?? 0,
    nicknames: source.nicknames ?? {},
    suffixes: source.suffixes ? source.suffixes.split('|') : [],
  };
}

export const CULTURES: Readonly<Record<string, Culture>> = Object.fromEntries(
  Object.entries(SOURCES).map(([name, source]) => [name, toCulture(source)]),
);
