package claimcharts

import (
	"errors"
	"strings"
	"testing"
)

const (
	numPub = FormPublication
	numApp = FormApplication
)

// numberCase is one accepted spelling and the canonical number it gives.
type numberCase struct {
	in                          string
	country, serial, kind, vali string
	form                        NumberForm
	key                         string
}

// numberSpellings are spellings found in real pool lists and patent documents.
var numberSpellings = []numberCase{
	// EP publications, every spacing and case; zero-padded to seven digits.
	{"EP2 777 236", "EP", "2777236", "", "", numPub, "EP2777236"},
	{"EP 2777236 B1", "EP", "2777236", "B1", "", numPub, "EP2777236"},
	{"EP2777236B1", "EP", "2777236", "B1", "", numPub, "EP2777236"},
	{"EP-2777236-B1", "EP", "2777236", "B1", "", numPub, "EP2777236"},
	{"EP 2 777 236 B1", "EP", "2777236", "B1", "", numPub, "EP2777236"},
	{"ep 2777236 b1", "EP", "2777236", "B1", "", numPub, "EP2777236"},
	{"ＥＰ２７７７２３６Ｂ１", "EP", "2777236", "B1", "", numPub, "EP2777236"},
	{"EP 2.777.236 B1", "EP", "2777236", "B1", "", numPub, "EP2777236"},
	{"EP2777236A1", "EP", "2777236", "A1", "", numPub, "EP2777236"},
	{"  EP 2777236 B1.  ", "EP", "2777236", "B1", "", numPub, "EP2777236"},
	{"EP\u00a02\u00a0777\u00a0236", "EP", "2777236", "", "", numPub, "EP2777236"},
	{"EP\u20092\u202f777\u3000236", "EP", "2777236", "", "", numPub, "EP2777236"},
	{"Patent No. EP 2777236", "EP", "2777236", "", "", numPub, "EP2777236"},
	{"No. EP2777236B1", "EP", "2777236", "B1", "", numPub, "EP2777236"},
	{"Nr. EP 2777236 B1", "EP", "2777236", "B1", "", numPub, "EP2777236"},
	{"EP 2777236\u2013B1", "EP", "2777236", "B1", "", numPub, "EP2777236"},
	{"EP 123456", "EP", "0123456", "", "", numPub, "EP0123456"},
	{"EP0123456 A1", "EP", "0123456", "A1", "", numPub, "EP0123456"},
	{"EP 12 345 678.9", "EP", "12345678.9", "", "", numApp, "EP12345678.9"},
	// Validated European patents.
	{"EP (DE) 2 777 236", "EP", "2777236", "", "DE", numPub, "EP2777236-DE"},
	{"EP(DE)2777236", "EP", "2777236", "", "DE", numPub, "EP2777236-DE"},
	{"DE (EP) 3190716", "EP", "3190716", "", "DE", numPub, "EP3190716-DE"},
	{"DE(EP)3190716", "EP", "3190716", "", "DE", numPub, "EP3190716-DE"},
	{"EP 2777236 (DE)", "EP", "2777236", "", "DE", numPub, "EP2777236-DE"},
	{"EP 2777236 B1 (FR)", "EP", "2777236", "B1", "FR", numPub, "EP2777236-FR"},
	{"ＥＰ（ＤＥ）２７７７２３６", "EP", "2777236", "", "DE", numPub, "EP2777236-DE"},
	{"EP2777236-DE", "EP", "2777236", "", "DE", numPub, "EP2777236-DE"},
	{"DK (EP) 2777236 T3", "EP", "2777236", "T3", "DK", numPub, "EP2777236-DK"},
	{"GB (EP) 2 777 236 B1", "EP", "2777236", "B1", "GB", numPub, "EP2777236-GB"},
	// US patents, reissues, designs, plants, publications and applications.
	{"US 10,285,091 B2", "US", "10285091", "B2", "", numPub, "US10285091"},
	{"US10285091B2", "US", "10285091", "B2", "", numPub, "US10285091"},
	{"US 10285091", "US", "10285091", "", "", numPub, "US10285091"},
	{"us 10285091 b2", "US", "10285091", "B2", "", numPub, "US10285091"},
	{"US Patent No. 10,285,091 B2", "US", "10285091", "B2", "", numPub, "US10285091"},
	{"US 7,123,456", "US", "7123456", "", "", numPub, "US7123456"},
	{"US 07123456 B1", "US", "7123456", "B1", "", numPub, "US7123456"},
	{"U.S. Pat. No. 7,123,456", "US", "7123456", "", "", numPub, "US7123456"},
	{"Patent No.: US 10,285,091 B2", "US", "10285091", "B2", "", numPub, "US10285091"},
	{"Pub. No.: US 2019/0123456 A1", "US", "20190123456", "A1", "", numPub, "US20190123456"},
	{"US RE45,123 E", "US", "RE45123", "E", "", numPub, "USRE45123"},
	{"USRE45123E", "US", "RE45123", "E", "", numPub, "USRE45123"},
	{"US D812,345 S", "US", "D812345", "S", "", numPub, "USD812345"},
	{"USD812345S", "US", "D812345", "S", "", numPub, "USD812345"},
	{"US PP12,345", "US", "PP12345", "", "", numPub, "USPP12345"},
	{"US PP12,345 P2", "US", "PP12345", "P2", "", numPub, "USPP12345"},
	{"US H2,123 H", "US", "H2123", "H", "", numPub, "USH2123"},
	{"US2019/0123456 A1", "US", "20190123456", "A1", "", numPub, "US20190123456"},
	{"US 2019/0123456", "US", "20190123456", "", "", numPub, "US20190123456"},
	{"US20190123456A1", "US", "20190123456", "A1", "", numPub, "US20190123456"},
	{"US 2019-0123456 A1", "US", "20190123456", "A1", "", numPub, "US20190123456"},
	{"US 16/123,456", "US", "16123456", "", "", numApp, "US16-123456"},
	{"US 16-123456", "US", "16123456", "", "", numApp, "US16-123456"},
	// CN publications.
	{"CN103931153A", "CN", "103931153", "A", "", numPub, "CN103931153"},
	{"CN 103931153 A", "CN", "103931153", "A", "", numPub, "CN103931153"},
	{"CN 103931153 B", "CN", "103931153", "B", "", numPub, "CN103931153"},
	{"CN 1039 3115 3", "CN", "103931153", "", "", numPub, "CN103931153"},
	{"CN208123456U", "CN", "208123456", "U", "", numPub, "CN208123456"},
	{"cn 103931153 a", "CN", "103931153", "A", "", numPub, "CN103931153"},
	{"授权公告号：CN103931153B", "CN", "103931153", "B", "", numPub, "CN103931153"},
	{"公开号 CN 103931153 A", "CN", "103931153", "A", "", numPub, "CN103931153"},
	{"CN 1234567 A", "CN", "1234567", "A", "", numPub, "CN1234567"},
	// CN application (ZL) numbers with check digits; see cnCheckForTest.
	{"CN 2013 1 0123456.2", "CN", "201310123456.2", "", "", numApp, "CN201310123456.2"},
	{"CN201310123456.2", "CN", "201310123456.2", "", "", numApp, "CN201310123456.2"},
	{"ZL201310123456.2", "CN", "201310123456.2", "", "", numApp, "CN201310123456.2"},
	{"ZL 2013 1 0123456.2", "CN", "201310123456.2", "", "", numApp, "CN201310123456.2"},
	{"ZL 201310123456.2", "CN", "201310123456.2", "", "", numApp, "CN201310123456.2"},
	{"ZL２０１３１０１２３４５６．２", "CN", "201310123456.2", "", "", numApp, "CN201310123456.2"},
	{"ＺＬ２０１３１０１２３４５６．２", "CN", "201310123456.2", "", "", numApp, "CN201310123456.2"},
	{"ZL 201310123456·2", "CN", "201310123456.2", "", "", numApp, "CN201310123456.2"},
	{"ZL 201310123456。2", "CN", "201310123456.2", "", "", numApp, "CN201310123456.2"},
	{"ZL201310123456", "CN", "201310123456.2", "", "", numApp, "CN201310123456.2"},
	{"CN2013101234562", "CN", "201310123456.2", "", "", numApp, "CN201310123456.2"},
	{"专利号：ZL201310123456.2", "CN", "201310123456.2", "", "", numApp, "CN201310123456.2"},
	{"专利号: ZL 2013 1 0123456.2", "CN", "201310123456.2", "", "", numApp, "CN201310123456.2"},
	{"专利号:ZL 201310123451.x", "CN", "201310123451.X", "", "", numApp, "CN201310123451.X"},
	{"ZL 201310123451.X", "CN", "201310123451.X", "", "", numApp, "CN201310123451.X"},
	{"CN 201310123451X", "CN", "201310123451.X", "", "", numApp, "CN201310123451.X"},
	{"ZL 2015 2 0123456.7", "CN", "201520123456.7", "", "", numApp, "CN201520123456.7"},
	{"ZL 201880012345", "CN", "201880012345.5", "", "", numApp, "CN201880012345.5"},
	{"ZL 98 1 23456.9", "CN", "98123456.9", "", "", numApp, "CN98123456.9"},
	{"CN 98123456.9", "CN", "98123456.9", "", "", numApp, "CN98123456.9"},
	{"ZL981234569", "CN", "98123456.9", "", "", numApp, "CN98123456.9"},
	{"ZL 98123456", "CN", "98123456.9", "", "", numApp, "CN98123456.9"},
	{"ZL 99 2 12345.3", "CN", "99212345.3", "", "", numApp, "CN99212345.3"},
	// WO publications and PCT applications.
	{"WO2019/123456", "WO", "2019123456", "", "", numPub, "WO2019123456"},
	{"WO 2019/123456 A1", "WO", "2019123456", "A1", "", numPub, "WO2019123456"},
	{"WO2019123456A1", "WO", "2019123456", "A1", "", numPub, "WO2019123456"},
	{"WO 2019/12345", "WO", "2019012345", "", "", numPub, "WO2019012345"},
	{"WO 03/012345", "WO", "2003012345", "", "", numPub, "WO2003012345"},
	{"WO 99/12345 A1", "WO", "1999012345", "A1", "", numPub, "WO1999012345"},
	{"WO9912345", "WO", "1999012345", "", "", numPub, "WO1999012345"},
	{"PCT/CN2019/123456", "WO", "CN2019123456", "", "", numApp, "WOCN2019123456"},
	{"pct/cn2019/123456", "WO", "CN2019123456", "", "", numApp, "WOCN2019123456"},
	{"PCT / CN2019 / 123456", "WO", "CN2019123456", "", "", numApp, "WOCN2019123456"},
	{"PCT/US98/12345", "WO", "US1998012345", "", "", numApp, "WOUS1998012345"},
	// JP patents and publications, Western and era years, Japanese script.
	{"JP6637180B2", "JP", "6637180", "B2", "", numPub, "JP6637180"},
	{"JP 6637180 B2", "JP", "6637180", "B2", "", numPub, "JP6637180"},
	{"JP 6,637,180", "JP", "6637180", "", "", numPub, "JP6637180"},
	{"JP 特許第6637180号", "JP", "6637180", "B", "", numPub, "JP6637180"},
	{"特許第6637180号", "JP", "6637180", "B", "", numPub, "JP6637180"},
	{"JP2019-123456A", "JP", "2019123456", "A", "", numPub, "JP2019123456"},
	{"JP 2019-123456 A", "JP", "2019123456", "A", "", numPub, "JP2019123456"},
	{"JP 特開2019-123456", "JP", "2019123456", "A", "", numPub, "JP2019123456"},
	{"特開2019－123456", "JP", "2019123456", "A", "", numPub, "JP2019123456"},
	{"JP 特表2019-512345", "JP", "2019512345", "A", "", numPub, "JP2019512345"},
	{"JP H10-123456 A", "JP", "1998123456", "A", "", numPub, "JP1998123456"},
	{"JPH10123456A", "JP", "1998123456", "A", "", numPub, "JP1998123456"},
	{"JP 平成10-123456", "JP", "1998123456", "", "", numPub, "JP1998123456"},
	{"特開平10-123456", "JP", "1998123456", "A", "", numPub, "JP1998123456"},
	{"JP S60-12345 A", "JP", "1985012345", "A", "", numPub, "JP1985012345"},
	{"JP 令和2-123456", "JP", "2020123456", "", "", numPub, "JP2020123456"},
	// KR registrations, applications and publications.
	{"KR10-2152107", "KR", "102152107", "", "", numPub, "KR102152107"},
	{"KR 10-2152107", "KR", "102152107", "", "", numPub, "KR102152107"},
	{"KR 10-2152107 B1", "KR", "102152107", "B1", "", numPub, "KR102152107"},
	{"KR102152107B1", "KR", "102152107", "B1", "", numPub, "KR102152107"},
	{"KR20-0481234", "KR", "200481234", "", "", numPub, "KR200481234"},
	{"KR 20-0481234 Y1", "KR", "200481234", "Y1", "", numPub, "KR200481234"},
	{"KR 10-2019-0012345", "KR", "1020190012345", "", "", numApp, "KR1020190012345"},
	{"KR 10-2019-0012345 A", "KR", "1020190012345", "A", "", numPub, "KR1020190012345"},
	{"KR20190012345A", "KR", "1020190012345", "A", "", numPub, "KR1020190012345"},
	// TW.
	{"TW I123456", "TW", "I123456", "", "", numPub, "TWI123456"},
	{"TWI123456B", "TW", "I123456", "B", "", numPub, "TWI123456"},
	{"TW M123456", "TW", "M123456", "", "", numPub, "TWM123456"},
	{"TW D123456", "TW", "D123456", "", "", numPub, "TWD123456"},
	{"TW 201234567 A", "TW", "201234567", "A", "", numPub, "TW201234567"},
	// DE file-numbered publications, file numbers and old numbers.
	{"DE 10 2015 123 456 A1", "DE", "102015123456", "A1", "", numPub, "DE102015123456"},
	{"DE102015123456A1", "DE", "102015123456", "A1", "", numPub, "DE102015123456"},
	{"DE 60 2012 012 345 T2", "DE", "602012012345", "T2", "", numPub, "DE602012012345"},
	{"DE 20 2015 123 456 U1", "DE", "202015123456", "U1", "", numPub, "DE202015123456"},
	{"DE 60 2012 012 345.6", "DE", "602012012345.6", "", "", numApp, "DE602012012345.6"},
	{"DE 10 2015 123 456.7", "DE", "102015123456.7", "", "", numApp, "DE102015123456.7"},
	{"DE 4123456 C2", "DE", "4123456", "C2", "", numPub, "DE4123456"},
	{"DE 19612345 A1", "DE", "19612345", "A1", "", numPub, "DE19612345"},
	// Other offices.
	{"GB2512345A", "GB", "2512345", "A", "", numPub, "GB2512345"},
	{"GB 2 512 345 B", "GB", "2512345", "B", "", numPub, "GB2512345"},
	{"FR 3 012 345 A1", "FR", "3012345", "A1", "", numPub, "FR3012345"},
	{"FR3012345B1", "FR", "3012345", "B1", "", numPub, "FR3012345"},
	{"IN 345678", "IN", "345678", "", "", numPub, "IN345678"},
	{"IN 201917012345 A", "IN", "201917012345", "A", "", numPub, "IN201917012345"},
	{"AU 2015123456 B2", "AU", "2015123456", "B2", "", numPub, "AU2015123456"},
	{"AU2015123456", "AU", "2015123456", "", "", numApp, "AU2015123456"},
	{"CA 2,912,345 C", "CA", "2912345", "C", "", numPub, "CA2912345"},
	{"CA2912345A1", "CA", "2912345", "A1", "", numPub, "CA2912345"},
	{"BR 11 2015 012345-6", "BR", "112015012345", "", "", numApp, "BR112015012345"},
	{"BR112015012345-6", "BR", "112015012345", "", "", numApp, "BR112015012345"},
	{"BR112015012345", "BR", "112015012345", "", "", numApp, "BR112015012345"},
	{"BR 11 2015 012345-6 A2", "BR", "112015012345", "A2", "", numPub, "BR112015012345"},
	{"BR PI0512345-6", "BR", "PI0512345", "", "", numApp, "BRPI0512345"},
	{"BRPI0512345A", "BR", "PI0512345", "A", "", numPub, "BRPI0512345"},
	{"RU 2 612 345 C2", "RU", "2612345", "C2", "", numPub, "RU2612345"},
	{"RU2612345C2", "RU", "2612345", "C2", "", numPub, "RU2612345"},
	{"VN10030703", "VN", "10030703", "", "", numPub, "VN10030703"},
	{"VN 1-0030703", "VN", "10030703", "", "", numPub, "VN10030703"},
	{"VN 2-0001234", "VN", "20001234", "", "", numPub, "VN20001234"},
	{"VN 1-2015-01234", "VN", "1201501234", "", "", numApp, "VN1201501234"},
	{"MX 356789 B", "MX", "356789", "B", "", numPub, "MX356789"},
	{"ZA 2015/01234", "ZA", "201501234", "", "", numApp, "ZA201501234"},
	{"ZA2015/01234B", "ZA", "201501234", "B", "", numPub, "ZA201501234"},
	{"ES 2 612 345 T3", "ES", "2612345", "T3", "", numPub, "ES2612345"},
	{"IT 1234567", "IT", "1234567", "", "", numPub, "IT1234567"},
	{"SG 11201501234P", "SG", "11201501234P", "", "", numApp, "SG11201501234P"},
	{"SG 11201501234P A", "SG", "11201501234P", "A", "", numPub, "SG11201501234P"},
	{"HK 1212345 A1", "HK", "1212345", "A1", "", numPub, "HK1212345"},
	{"IL 234567", "IL", "234567", "", "", numPub, "IL234567"},
	{"NZ 612345", "NZ", "612345", "", "", numPub, "NZ612345"},
	{"AT 512345 B", "AT", "512345", "B", "", numPub, "AT512345"},
	{"CH 712345 A1", "CH", "712345", "A1", "", numPub, "CH712345"},
	{"NL 2012345 B1", "NL", "2012345", "B1", "", numPub, "NL2012345"},
	{"SE 537123 C2", "SE", "537123", "C2", "", numPub, "SE537123"},
	{"FI 125123 B", "FI", "125123", "B", "", numPub, "FI125123"},
	{"DK 2777236 T3", "DK", "2777236", "T3", "", numPub, "DK2777236"},
	{"EA 032123 B1", "EA", "032123", "B1", "", numPub, "EA032123"},
	{"EA 32123 B1", "EA", "032123", "B1", "", numPub, "EA032123"},
	{"NO 341234 B1", "NO", "341234", "B1", "", numPub, "NO341234"},
	{"CH 712'345 A1", "CH", "712345", "A1", "", numPub, "CH712345"},
	// Issue 14: the forms of a real Wi-Fi 6 pool list and of the offices' numbering rules.
	// VN grant numbers in their short form (the serial without type and zeros).
	{"VN29229", "VN", "10029229", "", "", numPub, "VN10029229"},
	{"VN 29229 B", "VN", "10029229", "B", "", numPub, "VN10029229"},
	{"VN 1-0029229", "VN", "10029229", "", "", numPub, "VN10029229"},
	// KR registration numbers without their 10- (20- for a utility model, told by kind Y).
	{"KR2655025", "KR", "102655025", "", "", numPub, "KR102655025"},
	{"KR 2655025 B1", "KR", "102655025", "B1", "", numPub, "KR102655025"},
	{"KR 2152107", "KR", "102152107", "", "", numPub, "KR102152107"},
	{"KR 0481234 Y1", "KR", "200481234", "Y1", "", numPub, "KR200481234"},
	// Office prefixes that are part of the number.
	{"TWI640123", "TW", "I640123", "", "", numPub, "TWI640123"},
	{"TWI 640123 B", "TW", "I640123", "B", "", numPub, "TWI640123"},
	{"IDP000045678", "ID", "P000045678", "", "", numPub, "IDP000045678"},
	{"ID P000045678 B", "ID", "P000045678", "B", "", numPub, "IDP000045678"},
	{"IDP45678", "ID", "P000045678", "", "", numPub, "IDP000045678"},
	{"IDS000001234", "ID", "S000001234", "", "", numPub, "IDS000001234"},
	{"ID P00201501234", "ID", "P00201501234", "", "", numApp, "IDP00201501234"},
	{"ID 2016/01234 A", "ID", "201601234", "A", "", numPub, "ID201601234"},
	{"BRPI0512345", "BR", "PI0512345", "", "", numApp, "BRPI0512345"},
	{"BR PI 0512345-6 B1", "BR", "PI0512345", "B1", "", numPub, "BRPI0512345"},
	{"BR MU8901234-5", "BR", "MU8901234", "", "", numApp, "BRMU8901234"},
	// Nigeria's slashed file numbers.
	{"NG/P/2015/123", "NG", "P-2015-123", "", "", numPub, "NGP-2015-123"},
	{"NG/P/2015/0123", "NG", "P-2015-123", "", "", numPub, "NGP-2015-123"},
	{"NG/PT/NC/P/2019/3456", "NG", "PT-NC-P-2019-3456", "", "", numPub, "NGPT-NC-P-2019-3456"},
	{"NG/C/2016/1234", "NG", "C-2016-1234", "", "", numPub, "NGC-2016-1234"},
	{"AP/P/2015/008765", "AP", "P-2015-8765", "", "", numPub, "APP-2015-8765"},
	{"AP 5678 A", "AP", "5678", "A", "", numPub, "AP5678"},
	// RU, PH, MY, TH, SA, AR, MX, GC, CO.
	{"CO NC2019/0012345", "CO", "NC20190012345", "", "", numApp, "CONC20190012345"},
	{"RU 2015123456 A", "RU", "2015123456", "A", "", numPub, "RU2015123456"},
	{"RU 161234 U1", "RU", "161234", "U1", "", numPub, "RU161234"},
	{"PH 1-2015-501234", "PH", "12015501234", "", "", numApp, "PH12015501234"},
	{"PH 1/2015/501234 B1", "PH", "12015501234", "B1", "", numPub, "PH12015501234"},
	{"PH12015501234B1", "PH", "12015501234", "B1", "", numPub, "PH12015501234"},
	{"MY 171234 A", "MY", "171234", "A", "", numPub, "MY171234"},
	{"MY PI 2015701234", "MY", "PI2015701234", "", "", numApp, "MYPI2015701234"},
	{"TH 1501001234", "TH", "1501001234", "", "", numApp, "TH1501001234"},
	{"TH 63123", "TH", "63123", "", "", numPub, "TH63123"},
	{"SA 5123 B1", "SA", "5123", "B1", "", numPub, "SA5123"},
	{"SA 515360123", "SA", "515360123", "", "", numApp, "SA515360123"},
	{"AR 098765 A1", "AR", "098765", "A1", "", numPub, "AR098765"},
	{"AR98765A1", "AR", "098765", "A1", "", numPub, "AR098765"},
	{"AR P20200100025", "AR", "P20200100025", "", "", numApp, "ARP20200100025"},
	{"MX/a/2015/012345", "MX", "A2015012345", "", "", numApp, "MXA2015012345"},
	{"GC 0012345", "GC", "0012345", "", "", numPub, "GC0012345"},
	{"GC 12345 B", "GC", "0012345", "B", "", numPub, "GC0012345"},
	// Validations written from a state with no office of its own, either way round.
	{"LI (EP) 3 742 681", "EP", "3742681", "", "LI", numPub, "EP3742681-LI"},
	{"EP (LI) 3 742 681", "EP", "3742681", "", "LI", numPub, "EP3742681-LI"},
	{"TN (EP) 3742681 B1", "EP", "3742681", "B1", "TN", numPub, "EP3742681-TN"},
	{"KH(EP)3742681", "EP", "3742681", "", "KH", numPub, "EP3742681-KH"},
}

func TestParseNumberValid(t *testing.T) {
	if len(numberSpellings) < 110 {
		t.Fatalf("only %d valid cases", len(numberSpellings))
	}
	for _, c := range numberSpellings {
		t.Run(c.in, func(t *testing.T) {
			n, err := ParseNumber(c.in)
			if err != nil {
				t.Fatalf("ParseNumber(%q): %v", c.in, err)
			}
			want := Number{Country: c.country, Serial: c.serial, Kind: c.kind, Validation: c.vali, Form: c.form, Submitted: c.in}
			if n != want {
				t.Errorf("ParseNumber(%q)\n got %+v\nwant %+v", c.in, n, want)
			}
			if got := n.Key(); got != c.key {
				t.Errorf("ParseNumber(%q).Key() = %q, want %q", c.in, got, c.key)
			}
		})
	}
}

func TestParseNumberKeySharedBySpellings(t *testing.T) {
	groups := [][]string{
		{"EP2 777 236", "EP 2777236 B1", "EP2777236B1", "EP-2777236-B1", "EP 2 777 236 B1", "ep2777236a1", "ＥＰ２７７７２３６"},
		{"EP (DE) 2 777 236", "EP(DE)2777236", "DE (EP) 2777236", "DE(EP)2777236", "EP 2777236 (DE)", "EP2777236-DE"},
		{"EP 123456", "EP0123456", "EP 0 123 456 B1"},
		{"US 10,285,091 B2", "US10285091B2", "US 10285091", "U.S. Patent No. 10,285,091", "US10,285,091"},
		{"US2019/0123456 A1", "US 2019/0123456", "US20190123456A1", "Pub. No.: US 2019/0123456 A1"},
		{"CN 2013 1 0123456.2", "CN201310123456.2", "ZL201310123456.2", "ZL 2013 1 0123456.2", "ZL２０１３１０１２３４５６．２", "ZL201310123456", "专利号：ZL 201310123456·2"},
		{"KR10-2152107", "KR 10-2152107", "KR 10-2152107 B1", "KR102152107B1"},
		{"WO2019/123456", "WO 2019/123456 A1", "WO2019123456A1"},
		{"WO 03/012345", "WO2003/012345", "WO 2003/12345"},
		{"JP H10-123456 A", "JP 平成10-123456", "特開平10-123456", "JP 1998-123456", "JP1998123456A"},
		{"JP6637180B2", "JP 6,637,180", "JP 特許第6637180号"},
		{"BR 11 2015 012345-6", "BR112015012345-6", "BR112015012345", "BR 11 2015 012345 A2"},
		{"VN10030703", "VN 1-0030703", "VN 1 0030703 B"},
		{"TW I123456", "TWI123456B", "tw i123456"},
	}
	for _, g := range groups {
		want := numberKeyOf(t, g[0])
		for _, s := range g[1:] {
			if got := numberKeyOf(t, s); got != want {
				t.Errorf("Key(%q) = %q, but Key(%q) = %q", s, got, g[0], want)
			}
		}
	}
}

func numberKeyOf(t *testing.T, s string) string {
	t.Helper()
	n, err := ParseNumber(s)
	if err != nil {
		t.Fatalf("ParseNumber(%q): %v", s, err)
	}
	return n.Key()
}

func TestParseNumberRoundTrip(t *testing.T) {
	for _, c := range numberSpellings {
		n, err := ParseNumber(c.in)
		if err != nil {
			t.Errorf("ParseNumber(%q): %v", c.in, err)
			continue
		}
		for _, s := range []string{n.Key(), n.String()} {
			m, err := ParseNumber(s)
			if err != nil {
				t.Errorf("%q: ParseNumber(%q): %v", c.in, s, err)
				continue
			}
			if m.Key() != n.Key() {
				t.Errorf("%q: ParseNumber(%q).Key() = %q, want %q", c.in, s, m.Key(), n.Key())
			}
		}
	}
}

func TestNumberString(t *testing.T) {
	cases := map[string]string{
		"EP2777236B1":          "EP 2777236 B1",
		"EP(DE)2777236":        "EP 2777236 (DE)",
		"US10285091B2":         "US 10,285,091 B2",
		"USRE45123E":           "US RE45,123 E",
		"US20190123456A1":      "US 2019/0123456 A1",
		"US 16/123456":         "US 16/123,456",
		"ZL201310123456":       "CN 201310123456.2",
		"WO2019123456":         "WO 2019/123456",
		"PCT/CN2019/123456":    "PCT/CN2019/123456",
		"KR102152107B1":        "KR 10-2152107 B1",
		"KR1020190012345":      "KR 10-2019-0012345",
		"JP2019123456A":        "JP 2019-123456 A",
		"VN10030703":           "VN 1-0030703",
		"ZA201501234":          "ZA 2015/01234",
		"cn 103931153 a":       "CN 103931153 A",
		"DE 10 2015 123 456.7": "DE 102015123456.7",
	}
	for in, want := range cases {
		n, err := ParseNumber(in)
		if err != nil {
			t.Errorf("ParseNumber(%q): %v", in, err)
			continue
		}
		if got := n.String(); got != want {
			t.Errorf("ParseNumber(%q).String() = %q, want %q", in, got, want)
		}
	}
	if s := (Number{}).String(); s != "" {
		t.Errorf("zero Number.String() = %q, want empty", s)
	}
	if k := (Number{}).Key(); k != "" {
		t.Errorf("zero Number.Key() = %q, want empty", k)
	}
}

func TestParseNumberRejects(t *testing.T) {
	cases := []struct{ in, reason string }{
		{"", "empty"},
		{"   ", "empty"},
		{strings.Repeat("1", 201), "too long"},
		{"EP " + strings.Repeat("2", 250), "too long"},
		{"2777236", "no country code"},
		{"No. 2777236", "no country code"},
		{"hello 123", "no country code"},
		{"XX 123456", "unknown office code XX"},
		{"QQ2777236B1", "unknown office code QQ"},
		{"EP", "no digits"},
		{"motion vector", "no digits"},
		{"帧间预测", "no digits"},
		{"EP2777236 hello", `unexpected text "HELLO"`},
		{"EP2777236 and US10285091", "unexpected text"},
		{"EP 2777236 §", "unexpected character"},
		{"EP 12345678", "at most 7 digits"},
		{"US 123456789", "at most 8 digits"},
		{"US 2019/01234567", "a year and 7 digits"},
		{"US 2019/123456", "a year and 7 digits"},
		{"CN 10393115312", "9 digits"},
		{"KR 10-215210", "KR registration numbers"},
		{"KR 215210", "KR registration numbers"},
		{"KR 20190012345", "needs a kind code"},
		{"ZL201310123456.7", "check digit of CN application 201310123456 should be 2, not 7"},
		{"CN 2013 1 0123456.X", "check digit of CN application 201310123456 should be 2, not X"},
		{"ZL 98 1 23456.X", "check digit of CN application 98123456 should be 9, not X"},
		{"ZL201340123456", "type digit 4"},
		{"ZL 98 5 23456", "type digit 5"},
		{"ZL 2013 1 0123456.22", "ZL numbers are CN application numbers"},
		{"WO 1950/123456", "implausible year 1950"},
		{"US 2150/0123456", "implausible year 2150"},
		{"JP S40-123456 A", "implausible year 1965"},
		{"JP H0-123456", "does not exist"},
		{"KR 10-2150-0012345", "implausible year 2150"},
		{"BR 11 1950 012345-6", "implausible year 1950"},
		{"PCT/CN2019/1234", "PCT application numbers"},
		{"EP (XX) 2777236", "XX is not a state where European patents take effect"},
		{"US (DE) 10285091", "not a validation marker"},
		{"EP (EP) 2777236", "not a validation marker"},
		{"EP(DE)2777236(FR)", "unexpected character"},
		{"US 00000000", "not a patent number"},
		{"TW 12345678", "TW patent numbers"},
		// Issue 14: typos are refused with the evident reading, never corrected.
		{"JP 66371800", "JP patent numbers have at most 7 digits (JP 6637180 B2); publications are a year and 6 digits (JP 2019-123456 A, JP H10-123456 A); 66371800 has 8"},
		{"JP 06637180", `did you mean "JP 6637180"?`},
		{"TW 1640123", `did you mean "TW I640123"?`},
		{"LI 3742681", "unknown office code LI"},
		{"LI (DE) 3742681", "unknown office code LI"},
		{"EP (US) 3742681", "US is not a state where European patents take effect"},
		{"CN (EP) 3742681", "CN is not a state where European patents take effect"},
		{"VN 0", "not a patent number"},
		{"VN 32345678", "VN patent numbers"},
		{"NG/P/1950/12", "implausible year 1950"},
		{"NG/P/2015/000", "not a number"},
		{"AP/P/2015", "AP numbers are file numbers such as AP/P/2015/008765"},
		{"IDP 1234567890", "ID patent numbers"},
		{"MX/a/1950/012345", "implausible year 1950"},
	}
	if len(cases) < 25 {
		t.Fatalf("only %d rejection cases", len(cases))
	}
	for _, c := range cases {
		name := c.in
		if len(name) > 40 {
			name = name[:40] + "..."
		}
		t.Run(name, func(t *testing.T) {
			n, err := ParseNumber(c.in)
			if err == nil {
				t.Fatalf("ParseNumber(%q) = %+v, want an error mentioning %q", c.in, n, c.reason)
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != EINVALID {
				t.Fatalf("ParseNumber(%q) error = %#v, want *Error with code %s", c.in, err, EINVALID)
			}
			if !strings.Contains(e.Message, c.reason) {
				t.Errorf("ParseNumber(%q) message %q does not mention %q", c.in, e.Message, c.reason)
			}
			if strings.TrimSpace(c.in) != "" && len(c.in) <= maxNumberLen && !strings.Contains(e.Message, c.in) {
				t.Errorf("ParseNumber(%q) message %q does not quote the input", c.in, e.Message)
			}
		})
	}
}

// cnCheckForTest is an independent implementation of the CN check digit
// (CNIPA ZC0006-2003), written out with the weight table.
func cnCheckForTest(digits string) string {
	weights := []int{2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5}
	sum := 0
	for i, d := range digits {
		sum += int(d-'0') * weights[i]
	}
	return string("0123456789X"[sum%11])
}

func TestParseNumberCNCheckDigits(t *testing.T) {
	// Literal known-good values first, so the helper itself is checked.
	if got := cnCheckForTest("201310123456"); got != "2" {
		t.Fatalf("cnCheckForTest(201310123456) = %s, want 2 (123 mod 11)", got)
	}
	for _, digits := range []string{"201310123456", "201310123451", "201520123456", "201880012345",
		"201930654321", "98123456", "99212345", "02112345", "201410012342", "201590012345"} {
		n, err := ParseNumber("ZL" + digits)
		if err != nil {
			t.Errorf("ParseNumber(ZL%s): %v", digits, err)
			continue
		}
		if want := digits + "." + cnCheckForTest(digits); n.Serial != want {
			t.Errorf("ParseNumber(ZL%s).Serial = %s, want %s", digits, n.Serial, want)
		}
		wrong := "0"
		if cnCheckForTest(digits) == "0" {
			wrong = "1"
		}
		if _, err := ParseNumber("ZL" + digits + "." + wrong); err == nil || !strings.Contains(err.Error(), "check digit") {
			t.Errorf("ParseNumber(ZL%s.%s) = %v, want a check digit error", digits, wrong, err)
		}
	}
}

func TestLooksLikeNumber(t *testing.T) {
	yes := []string{"EP 2777236 B1", "US 10,285,091 B2", "ZL201310123456.2", "KR 10-2152107", "DE (EP) 3190716",
		"PCT/CN2019/123456", "JP 特許第6637180号", "特開2019-123456", "TWI123456B", "US RE45,123 E",
		"EP 12345678", "ＥＰ２７７７２３６", "Patent No. US 7,123,456"}
	no := []string{"motion vector", "帧间预测", "merge candidate", "EP", "US", "section:27.3", "", "2777236",
		"EP2777236 hello", "XX 123456", "H.264 motion vector prediction", "see claim 12", "US 12",
		strings.Repeat("EP2777236", 30)}
	for _, s := range yes {
		if !LooksLikeNumber(s) {
			t.Errorf("LooksLikeNumber(%q) = false, want true", s)
		}
	}
	for _, s := range no {
		if LooksLikeNumber(s) {
			t.Errorf("LooksLikeNumber(%q) = true, want false", s)
		}
	}
	for _, c := range numberSpellings {
		if !LooksLikeNumber(c.in) && len(strings.Map(numberDigitsOnly, c.in)) >= 4 {
			t.Errorf("LooksLikeNumber(%q) = false for a valid number", c.in)
		}
	}
}

func numberDigitsOnly(r rune) rune {
	if '0' <= r && r <= '9' || r >= '０' && r <= '９' {
		return r
	}
	return -1
}

func FuzzParseNumber(f *testing.F) {
	for _, c := range numberSpellings {
		f.Add(c.in)
	}
	for _, s := range []string{"", "EP", "XX 123", "ZL201310123456.7", "EP(DE)(FR)1", "PCT/", "特開平", "U.S.", "NO.", "EP2777236-DE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		LooksLikeNumber(s)
		n, err := ParseNumber(s)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("ParseNumber(%q) error code %q", s, ErrorCode(err))
			}
			return
		}
		key := n.Key()
		if key == "" {
			t.Fatalf("ParseNumber(%q).Key() is empty", s)
		}
		for i := 0; i < len(key); i++ {
			if key[i] <= ' ' || key[i] >= 0x7f {
				t.Fatalf("ParseNumber(%q).Key() = %q has a space or non-ASCII byte", s, key)
			}
		}
		m, err := ParseNumber(key)
		if err != nil {
			t.Fatalf("ParseNumber(%q).Key() = %q does not parse: %v", s, key, err)
		}
		if m.Key() != key {
			t.Fatalf("ParseNumber(%q).Key() = %q, but it parses back to %q", s, key, m.Key())
		}
		if d, err := ParseNumber(n.String()); err != nil || d.Key() != key {
			t.Fatalf("ParseNumber(%q).String() = %q parses to %v, %v; want key %q", s, n.String(), d.Key(), err, key)
		}
	})
}

// TestParseNumberEveryValidationState reads a European patent validated in
// each state where one can take effect, written either way round. The
// list is written out here from the EPO's own (39 members, 1 extension
// state, 6 validation states), independently of epcStates.
func TestParseNumberEveryValidationState(t *testing.T) {
	states := strings.Fields("AL AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MC ME MK MT NL NO PL PT RO RS SE SI SK SM TR" +
		" BA MA MD TN KH GE LA")
	if len(states) != 46 {
		t.Fatalf("%d states, want 39 + 1 + 6", len(states))
	}
	for _, st := range states {
		for _, in := range []string{"EP (" + st + ") 3 742 681", st + " (EP) 3 742 681", "EP 3742681 B1 (" + st + ")", "EP3742681-" + st} {
			n, err := ParseNumber(in)
			if err != nil {
				t.Errorf("ParseNumber(%q): %v", in, err)
				continue
			}
			if want := "EP3742681-" + st; n.Key() != want || n.Validation != st {
				t.Errorf("ParseNumber(%q) = key %q validation %q, want %q", in, n.Key(), n.Validation, want)
			}
		}
	}
}

// TestParseNumberSuggestsOnlyTheEvident checks that a typo with several
// possible readings names none of them.
func TestParseNumberSuggestsOnlyTheEvident(t *testing.T) {
	for _, in := range []string{"JP 66371800", "EP 27772366", "KR 10-215210"} {
		_, err := ParseNumber(in)
		if err == nil || strings.Contains(err.Error(), "did you mean") {
			t.Errorf("ParseNumber(%q) = %v, want an error without a suggestion", in, err)
		}
	}
}

// TestParseNumberKeepsWhatWasAccepted checks that numbers the offices given
// a table for issue 14 accepted before (up to 12 digits, as written) still
// parse to the same key: stored records parse their numbers again.
func TestParseNumberKeepsWhatWasAccepted(t *testing.T) {
	for in, key := range map[string]string{
		"RU 12345678": "RU12345678", "PH 1234567": "PH1234567", "MY 12345678 A": "MY12345678",
		"TH 12345678": "TH12345678", "SA 1234567": "SA1234567", "AR 12345678": "AR12345678",
		"MX 12345678": "MX12345678", "ID 1234567": "ID1234567", "NG 123456789": "NG123456789",
		"AP 123456789": "AP123456789", "CO 123456789": "CO123456789",
	} {
		if got := numberKeyOf(t, in); got != key {
			t.Errorf("Key(%q) = %q, want %q as before", in, got, key)
		}
	}
}
