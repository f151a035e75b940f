package msg

// Messages of patent numbers: what an office's numbers look like, and why
// a number cannot be read. The comment of each is its English text.
const (
	HintEA          Key = "hint_e_a"         // EA numbers have at most 6 digits (EA 032123 B1)
	HintEP          Key = "hint_e_p"         // EP publication numbers have at most 7 digits (EP 2777236 B1); application numbers have 8 digits and a check digit (EP 12345678.9)
	HintUS          Key = "hint_u_s"         // US patent numbers have at most 8 digits (US 10,285,091 B2, US RE45,123 E, US D812,345 S); publications are a year and 7 digits (US 2019/0123456 A1); applications are written 16/123,456
	HintZL          Key = "hint_z_l"         // ZL numbers are CN application numbers: 12 digits and a check digit (ZL 201310123456.2), or 8 and a check digit before 2003
	HintCN          Key = "hint_c_n"         // CN publication numbers have 9 digits (7 or 8 for old ones) and a kind code (CN 103931153 A); application numbers have 12 digits and a check digit (CN 201310123456.2)
	HintPCT         Key = "hint_p_c_t"       // PCT application numbers are written PCT/CN2019/123456
	HintWO          Key = "hint_w_o"         // WO publication numbers are a year and 6 digits (WO 2019/123456 A1)
	HintJP          Key = "hint_j_p"         // JP patent numbers have at most 7 digits (JP 6637180 B2); publications are a year and 6 digits (JP 2019-123456 A, JP H10-123456 A)
	HintKR          Key = "hint_k_r"         // KR registration numbers are 10- and 7 digits (KR 10-2152107 B1, also written KR2152107); application numbers are 10-, a year and 7 digits (KR 10-2019-0012345)
	HintTW          Key = "hint_t_w"         // TW patent numbers are I, M or D and 6 digits (TW I123456 B); publications have 9 digits (TW 201234567 A)
	HintDE          Key = "hint_d_e"         // DE numbers have 7 or 8 digits (DE 4123456 C2) or are file numbers of 12 digits (DE 10 2015 123 456 A1)
	HintBR          Key = "hint_b_r"         // BR numbers are a type, a year and 6 digits (BR 11 2015 012345-6) or PI and 7 digits (BR PI0512345-6)
	HintVN          Key = "hint_v_n"         // VN patent numbers are 1- or 2- and 7 digits (VN 1-0030703), or the serial alone (VN 29229)
	HintIN          Key = "hint_i_n"         // IN patent numbers have at most 7 digits (IN 345678); application numbers have 12 (IN 201917012345 A)
	HintAU          Key = "hint_a_u"         // AU numbers are a year and 6 digits (AU 2015123456 B2)
	HintSG          Key = "hint_s_g"         // SG numbers are 11 digits and a check letter (SG 11201501234P)
	HintZA          Key = "hint_z_a"         // ZA numbers are a year and 5 digits (ZA 2015/01234)
	HintID          Key = "hint_i_d"         // ID patent numbers are IDP or IDS and 9 digits (IDP000045678); applications are P00, a year and 5 digits (ID P00201501234)
	HintCO          Key = "hint_c_o"         // CO applications are NC, a year and 7 digits (CO NC2019/0012345); grants are digits
	HintRU          Key = "hint_r_u"         // RU patent numbers have at most 7 digits (RU 2612345 C2); applications are a year and 6 digits (RU 2015123456)
	HintPH          Key = "hint_p_h"         // PH numbers are a type, a year and 6 digits (PH 1-2015-501234 B1)
	HintMY          Key = "hint_m_y"         // MY patent numbers have at most 6 digits (MY 171234 A); applications are PI, a year and 6 digits (MY PI2015701234)
	HintTH          Key = "hint_t_h"         // TH patent numbers have at most 6 digits (TH 63123); applications have 10 (TH 1501001234)
	HintSA          Key = "hint_s_a"         // SA patent numbers have at most 5 digits (SA 5123 B1); applications have 9 (SA 515360123)
	HintAR          Key = "hint_a_r"         // AR publication numbers have at most 6 digits (AR 098765 A1); applications are P, a year and 7 digits (AR P20200100025)
	HintMX          Key = "hint_m_x"         // MX patent numbers have at most 7 digits (MX 356789 B); applications are written MX/a/2015/012345
	HintGC          Key = "hint_g_c"         // GC patent numbers have at most 7 digits (GC 0012345)
	HintDigits      Key = "hint_digits"      // %s numbers have at most %d digits and an optional kind code
	HintFileNumber  Key = "hint_file_number" // %s numbers are file numbers such as %s, or registration numbers of at most 7 digits
	HintLength      Key = "hint_length"      // %s; %s has %d
	NumberTooLong   Key = "number_too_long"  // patent number is too long: %d characters, at most %d
	NumberEmpty     Key = "number_empty"     // patent number is empty
	NotUSPatent     Key = "not_u_s_patent"   // US %s%s is not a patent number
	CNTypeDigit     Key = "c_n_type_digit"   // type digit %s of CN application %s is not valid: it must be 1 (invention), 2 (utility model), 3 (design), 8 (PCT invention) or 9 (PCT utility model)
	CNCheckDigit    Key = "c_n_check_digit"  // check digit of CN application %s should be %s, not %s
	NoEraYear       Key = "no_era_year"      // era year %s%s does not exist
	KRNeedsKind     Key = "k_r_needs_kind"   // a KR publication number without its 10- or 20- prefix needs a kind code A or U
	NotVNPatent     Key = "not_v_n_patent"   // VN %s is not a patent number
	YearNotNumber   Key = "year_not_number"  // year %q is not a number
	ImplausibleYear Key = "implausible_year" // implausible year %d
	FileSerial      Key = "file_serial"      // serial %s of a file number is not a number
)

// numbers holds the messages of patent numbers.
var numbers = map[Key][2]string{
	HintEA:          {"EA numbers have at most 6 digits (EA 032123 B1)", "EA 专利号最多 6 位数字（EA 032123 B1）"},
	HintEP:          {"EP publication numbers have at most 7 digits (EP 2777236 B1); application numbers have 8 digits and a check digit (EP 12345678.9)", "EP 公开号最多 7 位数字（EP 2777236 B1）；申请号为 8 位数字加一位校验位（EP 12345678.9）"},
	HintUS:          {"US patent numbers have at most 8 digits (US 10,285,091 B2, US RE45,123 E, US D812,345 S); publications are a year and 7 digits (US 2019/0123456 A1); applications are written 16/123,456", "US 专利号最多 8 位数字（US 10,285,091 B2、US RE45,123 E、US D812,345 S）；公开号为年份加 7 位数字（US 2019/0123456 A1）；申请号写作 16/123,456"},
	HintZL:          {"ZL numbers are CN application numbers: 12 digits and a check digit (ZL 201310123456.2), or 8 and a check digit before 2003", "ZL 号即 CN 申请号：12 位数字加一位校验位（ZL 201310123456.2），2003 年以前为 8 位数字加一位校验位"},
	HintCN:          {"CN publication numbers have 9 digits (7 or 8 for old ones) and a kind code (CN 103931153 A); application numbers have 12 digits and a check digit (CN 201310123456.2)", "CN 公开号为 9 位数字（早期为 7 或 8 位）加文献种类代码（CN 103931153 A）；申请号为 12 位数字加一位校验位（CN 201310123456.2）"},
	HintPCT:         {"PCT application numbers are written PCT/CN2019/123456", "PCT 申请号写作 PCT/CN2019/123456"},
	HintWO:          {"WO publication numbers are a year and 6 digits (WO 2019/123456 A1)", "WO 公开号为年份加 6 位数字（WO 2019/123456 A1）"},
	HintJP:          {"JP patent numbers have at most 7 digits (JP 6637180 B2); publications are a year and 6 digits (JP 2019-123456 A, JP H10-123456 A)", "JP 专利号最多 7 位数字（JP 6637180 B2）；公开号为年份加 6 位数字（JP 2019-123456 A、JP H10-123456 A）"},
	HintKR:          {"KR registration numbers are 10- and 7 digits (KR 10-2152107 B1, also written KR2152107); application numbers are 10-, a year and 7 digits (KR 10-2019-0012345)", "KR 登记号为 10- 加 7 位数字（KR 10-2152107 B1，也写作 KR2152107）；申请号为 10-、年份加 7 位数字（KR 10-2019-0012345）"},
	HintTW:          {"TW patent numbers are I, M or D and 6 digits (TW I123456 B); publications have 9 digits (TW 201234567 A)", "TW 专利号为 I、M 或 D 加 6 位数字（TW I123456 B）；公开号为 9 位数字（TW 201234567 A）"},
	HintDE:          {"DE numbers have 7 or 8 digits (DE 4123456 C2) or are file numbers of 12 digits (DE 10 2015 123 456 A1)", "DE 专利号为 7 或 8 位数字（DE 4123456 C2），或 12 位数字的案卷号（DE 10 2015 123 456 A1）"},
	HintBR:          {"BR numbers are a type, a year and 6 digits (BR 11 2015 012345-6) or PI and 7 digits (BR PI0512345-6)", "BR 专利号为类型、年份加 6 位数字（BR 11 2015 012345-6），或 PI 加 7 位数字（BR PI0512345-6）"},
	HintVN:          {"VN patent numbers are 1- or 2- and 7 digits (VN 1-0030703), or the serial alone (VN 29229)", "VN 专利号为 1- 或 2- 加 7 位数字（VN 1-0030703），或只写序号（VN 29229）"},
	HintIN:          {"IN patent numbers have at most 7 digits (IN 345678); application numbers have 12 (IN 201917012345 A)", "IN 专利号最多 7 位数字（IN 345678）；申请号为 12 位数字（IN 201917012345 A）"},
	HintAU:          {"AU numbers are a year and 6 digits (AU 2015123456 B2)", "AU 专利号为年份加 6 位数字（AU 2015123456 B2）"},
	HintSG:          {"SG numbers are 11 digits and a check letter (SG 11201501234P)", "SG 专利号为 11 位数字加一个校验字母（SG 11201501234P）"},
	HintZA:          {"ZA numbers are a year and 5 digits (ZA 2015/01234)", "ZA 专利号为年份加 5 位数字（ZA 2015/01234）"},
	HintID:          {"ID patent numbers are IDP or IDS and 9 digits (IDP000045678); applications are P00, a year and 5 digits (ID P00201501234)", "ID 专利号为 IDP 或 IDS 加 9 位数字（IDP000045678）；申请号为 P00、年份加 5 位数字（ID P00201501234）"},
	HintCO:          {"CO applications are NC, a year and 7 digits (CO NC2019/0012345); grants are digits", "CO 申请号为 NC、年份加 7 位数字（CO NC2019/0012345）；授权号为数字"},
	HintRU:          {"RU patent numbers have at most 7 digits (RU 2612345 C2); applications are a year and 6 digits (RU 2015123456)", "RU 专利号最多 7 位数字（RU 2612345 C2）；申请号为年份加 6 位数字（RU 2015123456）"},
	HintPH:          {"PH numbers are a type, a year and 6 digits (PH 1-2015-501234 B1)", "PH 专利号为类型、年份加 6 位数字（PH 1-2015-501234 B1）"},
	HintMY:          {"MY patent numbers have at most 6 digits (MY 171234 A); applications are PI, a year and 6 digits (MY PI2015701234)", "MY 专利号最多 6 位数字（MY 171234 A）；申请号为 PI、年份加 6 位数字（MY PI2015701234）"},
	HintTH:          {"TH patent numbers have at most 6 digits (TH 63123); applications have 10 (TH 1501001234)", "TH 专利号最多 6 位数字（TH 63123）；申请号为 10 位数字（TH 1501001234）"},
	HintSA:          {"SA patent numbers have at most 5 digits (SA 5123 B1); applications have 9 (SA 515360123)", "SA 专利号最多 5 位数字（SA 5123 B1）；申请号为 9 位数字（SA 515360123）"},
	HintAR:          {"AR publication numbers have at most 6 digits (AR 098765 A1); applications are P, a year and 7 digits (AR P20200100025)", "AR 公开号最多 6 位数字（AR 098765 A1）；申请号为 P、年份加 7 位数字（AR P20200100025）"},
	HintMX:          {"MX patent numbers have at most 7 digits (MX 356789 B); applications are written MX/a/2015/012345", "MX 专利号最多 7 位数字（MX 356789 B）；申请号写作 MX/a/2015/012345"},
	HintGC:          {"GC patent numbers have at most 7 digits (GC 0012345)", "GC 专利号最多 7 位数字（GC 0012345）"},
	HintDigits:      {"%s numbers have at most %d digits and an optional kind code", "%s 专利号最多 %d 位数字，可带文献种类代码"},
	HintFileNumber:  {"%s numbers are file numbers such as %s, or registration numbers of at most 7 digits", "%s 专利号为 %s 这样的案卷号，或最多 7 位数字的登记号"},
	HintLength:      {"%s; %s has %d", "%s；%s 有 %d 位"},
	NumberTooLong:   {"patent number is too long: %d characters, at most %d", "专利号过长：%d 个字符，最多 %d 个"},
	NumberEmpty:     {"patent number is empty", "专利号为空"},
	NotUSPatent:     {"US %s%s is not a patent number", "US %s%s 不是专利号"},
	CNTypeDigit:     {"type digit %s of CN application %s is not valid: it must be 1 (invention), 2 (utility model), 3 (design), 8 (PCT invention) or 9 (PCT utility model)", "CN 申请号 %[2]s 的类型位 %[1]s 无效：必须是 1（发明）、2（实用新型）、3（外观设计）、8（PCT 发明）或 9（PCT 实用新型）"},
	CNCheckDigit:    {"check digit of CN application %s should be %s, not %s", "CN 申请号 %s 的校验位应为 %s，而不是 %s"},
	NoEraYear:       {"era year %s%s does not exist", "年号年份 %s%s 不存在"},
	KRNeedsKind:     {"a KR publication number without its 10- or 20- prefix needs a kind code A or U", "不带 10- 或 20- 前缀的 KR 公开号需要文献种类代码 A 或 U"},
	NotVNPatent:     {"VN %s is not a patent number", "VN %s 不是专利号"},
	YearNotNumber:   {"year %q is not a number", "年份 %q 不是数字"},
	ImplausibleYear: {"implausible year %d", "年份 %d 不合理"},
	FileSerial:      {"serial %s of a file number is not a number", "案卷号中的序号 %s 不是数字"},
}
