// Demo rosters: people named as each sending country names them (Roman letters family name first,
// as rosters list them, and the native spelling where this machine has a font for it: Chinese,
// Korean, Vietnamese, Indonesian, Mongolian, Arabic, …; Thai, Hindi, Bengali and Khmer are left
// without one), with birth dates, positions and affiliations that fit each application.
import { addDays } from '../../shared/dates.ts';
import type { ParticipantInput, Position, Sex } from '../../shared/programs.ts';

export type Rand = () => number;

/** [family, given, native (family+given as written locally, '' when none), sex] */
type Name = readonly [string, string, string, Sex];

// Family and given names are drawn separately, so a small table gives many people.
interface Pool {
  family: readonly (readonly [string, string])[];
  given: readonly (readonly [string, string, Sex])[];
  /** How the native spelling is put together. */
  native: 'family-given' | 'family given' | 'given family' | 'none';
}

const POOLS: Record<string, Pool> = {
  CN: {
    family: [['Wang', '王'], ['Li', '李'], ['Zhang', '张'], ['Liu', '刘'], ['Chen', '陈'], ['Yang', '杨'], ['Zhao', '赵'], ['Huang', '黄'], ['Zhou', '周'], ['Wu', '吴']],
    given: [['Wei', '伟', 'male'], ['Fang', '芳', 'female'], ['Haoran', '浩然', 'male'], ['Xinyi', '欣怡', 'female'], ['Zihan', '子涵', 'female'], ['Yuxuan', '宇轩', 'male'], ['Jing', '静', 'female'], ['Ming', '明', 'male'], ['Siyu', '思雨', 'female'], ['Junjie', '俊杰', 'male']],
    native: 'family-given',
  },
  TW: {
    family: [['Chen', '陳'], ['Lin', '林'], ['Huang', '黃'], ['Chang', '張'], ['Lee', '李'], ['Wang', '王'], ['Wu', '吳'], ['Tsai', '蔡']],
    given: [['Yu-Ting', '雨婷', 'female'], ['Chia-Hao', '家豪', 'male'], ['Yi-Chen', '怡臻', 'female'], ['Chun-Wei', '俊維', 'male'], ['Pei-Shan', '佩珊', 'female'], ['Tsung-Han', '宗翰', 'male']],
    native: 'family-given',
  },
  KR: {
    family: [['Kim', '김'], ['Lee', '이'], ['Park', '박'], ['Choi', '최'], ['Jung', '정'], ['Kang', '강'], ['Cho', '조'], ['Yoon', '윤']],
    given: [['Min-jun', '민준', 'male'], ['Seo-yeon', '서연', 'female'], ['Ji-hoon', '지훈', 'male'], ['Ha-eun', '하은', 'female'], ['Do-hyun', '도현', 'male'], ['Su-bin', '수빈', 'female'], ['Hyun-woo', '현우', 'male'], ['Ji-woo', '지우', 'female']],
    native: 'family-given',
  },
  VN: {
    family: [['Nguyen', 'Nguyễn'], ['Tran', 'Trần'], ['Le', 'Lê'], ['Pham', 'Phạm'], ['Hoang', 'Hoàng'], ['Vu', 'Vũ'], ['Dang', 'Đặng'], ['Bui', 'Bùi'], ['Do', 'Đỗ']],
    given: [['Van An', 'Văn An', 'male'], ['Thi Lan', 'Thị Lan', 'female'], ['Minh Duc', 'Minh Đức', 'male'], ['Thu Trang', 'Thu Trang', 'female'], ['Quoc Bao', 'Quốc Bảo', 'male'], ['Thi Huong', 'Thị Hương', 'female'], ['Duc Anh', 'Đức Anh', 'male'], ['Ngoc Mai', 'Ngọc Mai', 'female'], ['Hoang Nam', 'Hoàng Nam', 'male'], ['Phuong Linh', 'Phương Linh', 'female']],
    native: 'family given',
  },
  ID: {
    family: [['Santoso', 'Santoso'], ['Wijaya', 'Wijaya'], ['Saputra', 'Saputra'], ['Hidayat', 'Hidayat'], ['Nugroho', 'Nugroho'], ['Kurniawan', 'Kurniawan'], ['Lestari', 'Lestari'], ['Rahmawati', 'Rahmawati']],
    given: [['Budi', 'Budi', 'male'], ['Sri', 'Sri', 'female'], ['Andi', 'Andi', 'male'], ['Dewi', 'Dewi', 'female'], ['Rizky', 'Rizky', 'male'], ['Putri', 'Putri', 'female'], ['Fajar', 'Fajar', 'male'], ['Ayu', 'Ayu', 'female']],
    native: 'given family',
  },
  TH: {
    family: [['Srisuk', ''], ['Chaiyaporn', ''], ['Wongsawat', ''], ['Saetang', ''], ['Rattanakul', ''], ['Boonmee', '']],
    given: [['Somchai', '', 'male'], ['Nattaya', '', 'female'], ['Krit', '', 'male'], ['Pimchanok', '', 'female'], ['Thanawat', '', 'male'], ['Sirinya', '', 'female']],
    native: 'none',
  },
  PH: {
    family: [['Santos', ''], ['Reyes', ''], ['Cruz', ''], ['Bautista', ''], ['Garcia', ''], ['Mendoza', '']],
    given: [['Maria Cristina', '', 'female'], ['Jose Miguel', '', 'male'], ['Angelica', '', 'female'], ['Paolo', '', 'male'], ['Kristine Joy', '', 'female'], ['Mark Anthony', '', 'male']],
    native: 'none',
  },
  MY: {
    family: [['bin Ismail', ''], ['binti Abdullah', ''], ['Tan', '陈'], ['Lim', '林'], ['bin Hassan', ''], ['Wong', '黄']],
    given: [['Ahmad Faizal', '', 'male'], ['Nur Aisyah', '', 'female'], ['Wei Ming', '伟明', 'male'], ['Mei Ling', '美玲', 'female'], ['Muhammad Hafiz', '', 'male'], ['Siti Nurhaliza', '', 'female']],
    native: 'family-given',
  },
  IN: {
    family: [['Sharma', ''], ['Patel', ''], ['Iyer', ''], ['Gupta', ''], ['Reddy', ''], ['Singh', '']],
    given: [['Aarav', '', 'male'], ['Priya', '', 'female'], ['Rohan', '', 'male'], ['Ananya', '', 'female'], ['Vikram', '', 'male'], ['Kavya', '', 'female']],
    native: 'none',
  },
  BD: {
    family: [['Rahman', ''], ['Hossain', ''], ['Islam', ''], ['Akter', ''], ['Chowdhury', '']],
    given: [['Tanvir', '', 'male'], ['Nusrat', '', 'female'], ['Arif', '', 'male'], ['Farzana', '', 'female'], ['Sabbir', '', 'male']],
    native: 'none',
  },
  MN: {
    family: [['Bat-Erdene', 'Бат-Эрдэнэ'], ['Ganbaatar', 'Ганбаатар'], ['Dorj', 'Дорж'], ['Enkhbayar', 'Энхбаяр'], ['Tsogt', 'Цогт']],
    given: [['Temuulen', 'Тэмүүлэн', 'male'], ['Anujin', 'Анужин', 'female'], ['Munkh-Orgil', 'Мөнх-Оргил', 'male'], ['Nomin', 'Номин', 'female'], ['Bilguun', 'Билгүүн', 'male']],
    native: 'family given',
  },
  KE: {
    family: [['Otieno', ''], ['Wanjiru', ''], ['Kamau', ''], ['Achieng', ''], ['Mwangi', '']],
    given: [['Brian', '', 'male'], ['Faith', '', 'female'], ['Kevin', '', 'male'], ['Mercy', '', 'female'], ['Dennis', '', 'male']],
    native: 'none',
  },
  BR: {
    family: [['Silva', 'Silva'], ['Santos', 'Santos'], ['Oliveira', 'Oliveira'], ['Souza', 'Souza'], ['Conceição', 'Conceição'], ['Araújo', 'Araújo']],
    given: [['João Pedro', 'João Pedro', 'male'], ['Ana Luíza', 'Ana Luíza', 'female'], ['Lucas', 'Lucas', 'male'], ['Mariana', 'Mariana', 'female'], ['Gabriel', 'Gabriel', 'male'], ['Letícia', 'Letícia', 'female']],
    native: 'given family',
  },
  EG: {
    family: [['Hassan', 'حسن'], ['Mahmoud', 'محمود'], ['Ibrahim', 'إبراهيم'], ['Mostafa', 'مصطفى'], ['Salem', 'سالم']],
    given: [['Ahmed', 'أحمد', 'male'], ['Nour', 'نور', 'female'], ['Omar', 'عمر', 'male'], ['Mariam', 'مريم', 'female'], ['Youssef', 'يوسف', 'male']],
    native: 'given family',
  },
  KH: {
    family: [['Sok', ''], ['Chan', ''], ['Heng', ''], ['Kim', ''], ['Phan', '']],
    given: [['Dara', '', 'male'], ['Sreymom', '', 'female'], ['Vannak', '', 'male'], ['Sophea', '', 'female'], ['Rithy', '', 'male']],
    native: 'none',
  },
  LA: {
    family: [['Phommachanh', ''], ['Vongsavath', ''], ['Sisouk', ''], ['Keomany', '']],
    given: [['Khamla', '', 'female'], ['Souksavanh', '', 'male'], ['Noy', '', 'female'], ['Bounmy', '', 'male']],
    native: 'none',
  },
};

export function personName(country: string, rand: Rand, sex?: Sex): Name {
  const pool = POOLS[country] ?? POOLS.VN!;
  const f = pool.family[Math.floor(rand() * pool.family.length)]!;
  const want = sex ?? (rand() < 0.45 ? 'female' : 'male');
  const givens = pool.given.filter((g) => g[2] === want);
  const g = givens[Math.floor(rand() * givens.length)]!;
  let native = '';
  if (pool.native !== 'none' && f[1] && g[1]) {
    native = pool.native === 'family-given' ? `${f[1]}${g[1]}` : pool.native === 'family given' ? `${f[1]} ${g[1]}` : `${g[1]} ${f[1]}`;
  }
  return [f[0], g[0], native, g[2]];
}

// Ages that fit the position (full years on arrival).
const INVITEE_AGES: Record<'A' | 'B' | 'C', readonly (readonly [Position, number, number])[]> = {
  A: [['undergraduate', 19, 22], ['undergraduate', 20, 23], ['master', 22, 26], ['master', 23, 27], ['doctoral', 25, 31]],
  B: [['master', 23, 27], ['doctoral', 25, 32], ['doctoral', 26, 33], ['postdoc', 28, 35], ['researcher', 29, 35]],
  C: [['master', 22, 27], ['researcher', 26, 35], ['doctoral', 25, 31], ['official', 27, 35], ['postdoc', 28, 35]],
};

function birthDateFor(arrival: string, age: number, rand: Rand): string {
  // Between `age` and `age + 1` years before arrival, never on the boundary.
  const y = Number(arrival.slice(0, 4)) - age - 1;
  return addDays(`${y}${arrival.slice(4)}`, 2 + Math.floor(rand() * 360));
}

function emailFor(family: string, given: string, institution: string, i: number): string {
  const local = `${given.split(/[\s-]/)[0]}.${family.replace(/^bin(ti)? /, '')}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
  const domain = institution.replace(/\b(of|the|and|de)\b/gi, '').split(/[\s,]+/).filter(Boolean).map((w) => w[0]).join('').toLowerCase();
  return `${local}${i > 9 ? i : ''}@${domain || 'univ'}.example.org`;
}

export interface RosterSpec {
  course: 'A' | 'B' | 'C';
  arrival: string;
  invitees: number;
  escorts: number;
  senders: readonly (readonly [string, string])[];
}

/** A roster matching the application: invitees spread over its sending institutions, escorts from the first. */
export function makeRoster(spec: RosterSpec, rand: Rand): ParticipantInput[] {
  const out: ParticipantInput[] = [];
  const seen = new Set<string>();
  // Two people of the same name in one group happen, but a demo should not look like a copy error.
  const nameFor = (country: string): Name => {
    let n = personName(country, rand);
    for (let k = 0; k < 8 && seen.has(`${n[0]} ${n[1]}`); k++) n = personName(country, rand);
    seen.add(`${n[0]} ${n[1]}`);
    return n;
  };
  const ages = INVITEE_AGES[spec.course];
  for (let i = 0; i < spec.invitees; i++) {
    const [inst, country] = spec.senders[i % spec.senders.length]!;
    const [family, given, native, sex] = nameFor(country);
    const [position, lo, hi] = ages[Math.floor(rand() * ages.length)]!;
    const age = lo + Math.floor(rand() * (hi - lo + 1));
    out.push({
      id: null,
      familyName: family,
      givenName: given,
      nativeName: native || null,
      sex,
      birthDate: birthDateFor(spec.arrival, age, rand),
      nationality: country,
      affiliation: inst,
      position,
      positionTitle: null,
      role: 'invitee',
      email: rand() < 0.85 ? emailFor(family, given, inst, i) : null,
    });
  }
  for (let i = 0; i < spec.escorts; i++) {
    const [inst, country] = spec.senders[i % spec.senders.length]!;
    const [family, given, native, sex] = nameFor(country);
    out.push({
      id: null,
      familyName: family,
      givenName: given,
      nativeName: native || null,
      sex,
      birthDate: birthDateFor(spec.arrival, 40 + Math.floor(rand() * 21), rand),
      nationality: country,
      affiliation: inst,
      position: 'researcher',
      positionTitle: null,
      role: 'escort',
      email: emailFor(family, given, inst, 20 + i),
    });
  }
  // Escorts first, as hosts usually list them.
  return [...out.slice(spec.invitees), ...out.slice(0, spec.invitees)];
}

/** An invitee made over the age limit: the roster check flags it, as staff would want to see. */
export function makeTooOld(p: ParticipantInput, arrival: string, rand: Rand): ParticipantInput {
  return { ...p, birthDate: birthDateFor(arrival, 41, rand), position: 'researcher' };
}
