/**
 * Real towns with their county (or the local equivalent: voivodeship, oblast, prefecture,
 * province, region) and country, written as the people of each country write them. City
 * and county are in the local script; the country is its English name, as a genealogy
 * index keyed in English would hold it. Every city is unique across the catalog (the
 * schema's UNIQUE KEY on places.city), and none contains a line break or a double quote.
 *
 * Format: `City|County` entries separated by `;`. The culture names the list of given and
 * family names (names-catalog.ts) that people born there are drawn from.
 */
const COUNTRIES: readonly { country: string; culture: string; places: string }[] = [
  {
    country: 'Scotland',
    culture: 'scottish',
    places: `Aberdeen|Aberdeenshire; Edinburgh|Midlothian; Glasgow|Lanarkshire; Dundee|Angus;
      Inverness|Inverness-shire; Fort William|Inverness-shire; Portree|Inverness-shire; Stirling|Stirlingshire;
      Perth|Perthshire; Kirkcaldy|Fife; St Andrews|Fife; Oban|Argyll; Stornoway|Ross and Cromarty;
      Dumfries|Dumfriesshire; Kirkcudbright|Kirkcudbrightshire; Ayr|Ayrshire; Paisley|Renfrewshire;
      Elgin|Morayshire; Lerwick|Shetland; Kirkwall|Orkney; Peebles|Peeblesshire; Wick|Caithness`,
  },
  {
    country: 'Northern Ireland',
    culture: 'ulster',
    places: `Belfast|Antrim; Lisburn|Antrim; Ballymena|Antrim; Carrickfergus|Antrim; Newtownabbey|Antrim;
      Armagh|Armagh; Portadown|Armagh; Newry|Down; Downpatrick|Down; Bangor|Down; Enniskillen|Fermanagh;
      Londonderry|Londonderry; Coleraine|Londonderry; Omagh|Tyrone; Dungannon|Tyrone; Strabane|Tyrone`,
  },
  {
    country: 'Wales',
    culture: 'welsh',
    places: `Cardiff|South Glamorgan; Swansea|West Glamorgan; Newport|Gwent; Wrexham|Clwyd; Aberystwyth|Dyfed;
      Carmarthen|Dyfed; Caernarfon|Gwynedd; Porthmadog|Gwynedd; Llandudno|Gwynedd; Betws-y-Coed|Gwynedd;
      Holyhead|Ynys Môn; Llanfairpwllgwyngyll|Ynys Môn; Merthyr Tydfil|Mid Glamorgan;
      Pen-y-bont ar Ogwr|Mid Glamorgan; Machynlleth|Powys; Brecon|Powys; Ystradgynlais|Powys`,
  },
  {
    country: 'England',
    culture: 'english',
    places: `London|Greater London; Manchester|Lancashire; Liverpool|Lancashire; York|Yorkshire;
      Bristol|Gloucestershire; Newcastle upon Tyne|Northumberland; Stoke-on-Trent|Staffordshire;
      King's Lynn|Norfolk; Bishop's Stortford|Hertfordshire; St Albans|Hertfordshire;
      Ashby-de-la-Zouch|Leicestershire; Westward Ho!|Devon; Bury St Edmunds|Suffolk;
      Ross-on-Wye|Herefordshire; Penzance|Cornwall`,
  },
  {
    country: 'Ireland',
    culture: 'irish',
    places: `Dublin|County Dublin; Dún Laoghaire|County Dublin; Cork|County Cork; Galway|County Galway;
      Limerick|County Limerick; Waterford|County Waterford; Kilkenny|County Kilkenny; Sligo|County Sligo;
      Dundalk|County Louth; Drogheda|County Louth; Tralee|County Kerry; An Daingean|County Kerry;
      Ennis|County Clare; Letterkenny|County Donegal; Clonmel|County Tipperary; Athlone|County Westmeath;
      Béal an Mhuirthead|County Mayo`,
  },
  {
    country: 'United States',
    culture: 'american',
    places: `New York|New York County; Boston|Suffolk County; Chicago|Cook County; Milwaukee|Milwaukee County;
      San Francisco|San Francisco County; Seattle|King County; New Orleans|Orleans Parish;
      Honolulu|Honolulu County; Coeur d'Alene|Kootenai County; Española|Rio Arriba County;
      Santa Fe|Santa Fe County; Washington, D.C.|District of Columbia`,
  },
  {
    country: 'Poland',
    culture: 'polish',
    places: `Warszawa|mazowieckie; Kraków|małopolskie; Łódź|łódzkie; Wrocław|dolnośląskie; Poznań|wielkopolskie;
      Gdańsk|pomorskie; Gdynia|pomorskie; Szczecin|zachodniopomorskie; Bydgoszcz|kujawsko-pomorskie;
      Toruń|kujawsko-pomorskie; Lublin|lubelskie; Białystok|podlaskie; Katowice|śląskie; Częstochowa|śląskie;
      Bielsko-Biała|śląskie; Rzeszów|podkarpackie; Kielce|świętokrzyskie; Olsztyn|warmińsko-mazurskie;
      Zielona Góra|lubuskie; Opole|opolskie`,
  },
  {
    country: 'Greece',
    culture: 'greek',
    places: `Αθήνα|Αττική; Πειραιάς|Αττική; Θεσσαλονίκη|Κεντρική Μακεδονία; Σέρρες|Κεντρική Μακεδονία;
      Πάτρα|Δυτική Ελλάδα; Ηράκλειο|Κρήτη; Χανιά|Κρήτη; Λάρισα|Θεσσαλία; Βόλος|Θεσσαλία; Τρίκαλα|Θεσσαλία;
      Ιωάννινα|Ήπειρος; Καλαμάτα|Πελοπόννησος; Ρόδος|Νότιο Αιγαίο; Καβάλα|Ανατολική Μακεδονία και Θράκη;
      Κέρκυρα|Ιόνια Νησιά`,
  },
  {
    country: 'Russia',
    culture: 'russian',
    places: `Москва|Москва; Санкт-Петербург|Санкт-Петербург; Новосибирск|Новосибирская область;
      Екатеринбург|Свердловская область; Казань|Республика Татарстан; Нижний Новгород|Нижегородская область;
      Самара|Самарская область; Омск|Омская область; Ростов-на-Дону|Ростовская область;
      Уфа|Республика Башкортостан; Красноярск|Красноярский край; Пермь|Пермский край;
      Воронеж|Воронежская область; Волгоград|Волгоградская область; Иркутск|Иркутская область;
      Владивосток|Приморский край; Архангельск|Архангельская область`,
  },
  {
    country: 'Ukraine',
    culture: 'ukrainian',
    places: `Київ|Київ; Харків|Харківська область; Одеса|Одеська область; Дніпро|Дніпропетровська область;
      Львів|Львівська область; Запоріжжя|Запорізька область; Вінниця|Вінницька область;
      Полтава|Полтавська область; Чернігів|Чернігівська область; Житомир|Житомирська область;
      Івано-Франківськ|Івано-Франківська область; Тернопіль|Тернопільська область;
      Ужгород|Закарпатська область; Кам'янець-Подільський|Хмельницька область; Біла Церква|Київська область`,
  },
  {
    country: 'Japan',
    culture: 'japanese',
    places: `東京|東京都; 横浜|神奈川県; 大阪|大阪府; 名古屋|愛知県; 札幌|北海道; 函館|北海道; 福岡|福岡県; 神戸|兵庫県;
      京都|京都府; 仙台|宮城県; 広島|広島県; 那覇|沖縄県; 金沢|石川県; 長崎|長崎県; 奈良|奈良県; 鹿児島|鹿児島県`,
  },
  {
    country: 'China',
    culture: 'chinese',
    places: `北京|北京市; 上海|上海市; 天津|天津市; 重庆|重庆市; 广州|广东省; 深圳|广东省; 成都|四川省; 武汉|湖北省;
      西安|陕西省; 杭州|浙江省; 南京|江苏省; 苏州|江苏省; 长沙|湖南省; 哈尔滨|黑龙江省; 昆明|云南省; 厦门|福建省`,
  },
  {
    country: 'Iceland',
    culture: 'icelandic',
    places: `Reykjavík|Höfuðborgarsvæðið; Kópavogur|Höfuðborgarsvæðið; Hafnarfjörður|Höfuðborgarsvæðið;
      Garðabær|Höfuðborgarsvæðið; Mosfellsbær|Höfuðborgarsvæðið; Akureyri|Norðurland eystra;
      Húsavík|Norðurland eystra; Sauðárkrókur|Norðurland vestra; Reykjanesbær|Suðurnes; Selfoss|Suðurland;
      Vestmannaeyjar|Suðurland; Akranes|Vesturland; Borgarnes|Vesturland; Ísafjörður|Vestfirðir;
      Egilsstaðir|Austurland`,
  },
  {
    country: 'Türkiye',
    culture: 'turkish',
    places: `İstanbul|İstanbul; Ankara|Ankara; İzmir|İzmir; Bursa|Bursa; Antalya|Antalya; Adana|Adana;
      Konya|Konya; Gaziantep|Gaziantep; Şanlıurfa|Şanlıurfa; Kayseri|Kayseri; Eskişehir|Eskişehir;
      Diyarbakır|Diyarbakır; Trabzon|Trabzon; Bodrum|Muğla; Çanakkale|Çanakkale; Ürgüp|Nevşehir`,
  },
  {
    country: 'Vietnam',
    culture: 'vietnamese',
    places: `Hà Nội|Hà Nội; Thành phố Hồ Chí Minh|Thành phố Hồ Chí Minh; Hải Phòng|Hải Phòng; Đà Nẵng|Đà Nẵng;
      Cần Thơ|Cần Thơ; Huế|Thừa Thiên Huế; Nha Trang|Khánh Hòa; Đà Lạt|Lâm Đồng; Vinh|Nghệ An;
      Hạ Long|Quảng Ninh; Quy Nhơn|Bình Định; Buôn Ma Thuột|Đắk Lắk; Hội An|Quảng Nam; Biên Hòa|Đồng Nai;
      Thái Nguyên|Thái Nguyên`,
  },
];

export interface CatalogPlace {
  readonly city: string;
  readonly county: string;
  readonly country: string;
  readonly culture: string;
}

export const PLACES_CATALOG: readonly CatalogPlace[] = COUNTRIES.flatMap(({ country, culture, places }) =>
  places.split(';').map((entry) => {
    const [city = '', county = ''] = entry.split('|').map((part) => part.trim());
    return { city, county, country, culture };
  }),
);
