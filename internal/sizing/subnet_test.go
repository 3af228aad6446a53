package sizing

import "testing"

func TestSubnetFacts(t *testing.T) {
	tests := []struct {
		name                                    string
		spec                                    SubnetSpec
		total, usable, free, blocks, eligible   int
		reservedBlocks, reservationIPs, usedIPs int
	}{
		{name: "/24 usable 251, eligible blocks 14", spec: SubnetSpec{CIDRBlock: "10.0.0.0/24"}, total: 256, usable: 251, free: 251, blocks: 16, eligible: 14},
		{name: "/20 eligible blocks 254", spec: SubnetSpec{CIDRBlock: "10.0.16.0/20"}, total: 4096, usable: 4091, free: 4091, blocks: 256, eligible: 254},
		{name: "/27 eligible blocks 0", spec: SubnetSpec{CIDRBlock: "10.0.0.32/27"}, total: 32, usable: 27, free: 27, blocks: 2, eligible: 0},
		{name: "/28 eligible blocks 0", spec: SubnetSpec{CIDRBlock: "10.0.0.16/28"}, total: 16, usable: 11, free: 11, blocks: 1, eligible: 0},
		{name: "/26 eligible blocks 2", spec: SubnetSpec{CIDRBlock: "10.0.0.64/26"}, total: 64, usable: 59, free: 59, blocks: 4, eligible: 2},
		{name: "/16 usable 65531", spec: SubnetSpec{CIDRBlock: "10.1.0.0/16"}, total: 65536, usable: 65531, free: 65531, blocks: 4096, eligible: 4094},
		{name: "available_ip_address_count replaces usable", spec: SubnetSpec{CIDRBlock: "10.0.0.0/24", AvailableIPAddressCount: ptr(200)},
			total: 256, usable: 251, free: 200, blocks: 16, eligible: 14, usedIPs: 51},
		{name: "available_ip_address_count 0", spec: SubnetSpec{CIDRBlock: "10.0.0.0/24", AvailableIPAddressCount: ptr(0)},
			total: 256, usable: 251, free: 0, blocks: 16, eligible: 14, usedIPs: 251},
		{name: "prefix reservation in the middle", spec: SubnetSpec{CIDRBlock: "10.0.0.0/24", PrefixReservations: []string{"10.0.0.64/26"}},
			total: 256, usable: 251, free: 251, blocks: 16, eligible: 14, reservedBlocks: 4, reservationIPs: 64},
		{name: "prefix reservation over the first block", spec: SubnetSpec{CIDRBlock: "10.0.0.0/24", PrefixReservations: []string{"10.0.0.0/26", "10.0.0.128/28"}},
			total: 256, usable: 251, free: 251, blocks: 16, eligible: 14, reservedBlocks: 3 + 1, reservationIPs: 60 + 16},
		{name: "prefix reservation of the whole subnet", spec: SubnetSpec{CIDRBlock: "10.0.0.0/24", PrefixReservations: []string{"10.0.0.0/24"}},
			total: 256, usable: 251, free: 251, blocks: 16, eligible: 14, reservedBlocks: 14, reservationIPs: 251},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ParseSubnet("subnets[0]", tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			got := [8]int{s.TotalIPs(), s.UsableIPs(), s.FreeIPs(), s.Blocks(), s.PrefixEligibleBlocks(), s.ReservedPrefixBlocks(), s.ReservationIPs(), s.UsedIPs()}
			want := [8]int{tc.total, tc.usable, tc.free, tc.blocks, tc.eligible, tc.reservedBlocks, tc.reservationIPs, tc.usedIPs}
			if got != want {
				t.Errorf("{total, usable, free, blocks, eligible, reserved blocks, reservation IPs, used} = %v, want %v", got, want)
			}
		})
	}
}

func TestParseSubnetErrors(t *testing.T) {
	tests := []struct {
		name     string
		spec     SubnetSpec
		field    string
		contains []string
	}{
		{name: "IPv6 CIDR", spec: SubnetSpec{CIDRBlock: "2600:1f18:1234:5600::/64"}, field: "subnets[2].cidr_block",
			contains: []string{`subnets[2].cidr_block "2600:1f18:1234:5600::/64" is an IPv6 CIDR`, "IPv4 CIDR block (/16 to /28)"}},
		{name: "/29", spec: SubnetSpec{CIDRBlock: "10.0.0.0/29"}, field: "subnets[2].cidr_block",
			contains: []string{`"10.0.0.0/29" is a /29`, "AWS IPv4 subnets are /16", "to /28"}},
		{name: "/15", spec: SubnetSpec{CIDRBlock: "10.0.0.0/15"}, field: "subnets[2].cidr_block",
			contains: []string{`"10.0.0.0/15" is a /15`, "prefix length from 16 to 28"}},
		{name: "not a CIDR", spec: SubnetSpec{CIDRBlock: "10.0.0.0"}, field: "subnets[2].cidr_block",
			contains: []string{"is not a CIDR block", `"10.0.0.0/24"`}},
		{name: "empty", spec: SubnetSpec{}, field: "subnets[2].cidr_block", contains: []string{`"" is not a CIDR block`}},
		{name: "host bits set", spec: SubnetSpec{CIDRBlock: "10.0.0.5/24"}, field: "subnets[2].cidr_block",
			contains: []string{"has bits set after the prefix length", `did you mean "10.0.0.0/24"`}},
		{name: "available count above usable", spec: SubnetSpec{CIDRBlock: "10.0.0.0/24", AvailableIPAddressCount: ptr(252)},
			field: "subnets[2].available_ip_address_count", contains: []string{"is 252", "between 0 and 251"}},
		{name: "negative available count", spec: SubnetSpec{CIDRBlock: "10.0.0.0/24", AvailableIPAddressCount: ptr(-1)},
			field: "subnets[2].available_ip_address_count", contains: []string{"is -1"}},
		{name: "reservation outside the subnet", spec: SubnetSpec{CIDRBlock: "10.0.0.0/24", PrefixReservations: []string{"10.0.0.64/28", "10.0.1.0/28"}},
			field: "subnets[2].prefix_reservations[1]", contains: []string{`"10.0.1.0/28" is not inside the subnet 10.0.0.0/24`}},
		{name: "reservation larger than the subnet", spec: SubnetSpec{CIDRBlock: "10.0.0.0/24", PrefixReservations: []string{"10.0.0.0/23"}},
			field: "subnets[2].prefix_reservations[0]", contains: []string{"is not inside the subnet"}},
		{name: "overlapping reservations", spec: SubnetSpec{CIDRBlock: "10.0.0.0/24", PrefixReservations: []string{"10.0.0.64/26", "10.0.0.80/28"}},
			field: "subnets[2].prefix_reservations[1]", contains: []string{`"10.0.0.80/28" overlaps subnets[2].prefix_reservations[0] "10.0.0.64/26"`, "cannot overlap"}},
		{name: "reservation smaller than a prefix", spec: SubnetSpec{CIDRBlock: "10.0.0.0/24", PrefixReservations: []string{"10.0.0.64/29"}},
			field: "subnets[2].prefix_reservations[0]", contains: []string{"must be /28 or larger"}},
		{name: "IPv6 reservation", spec: SubnetSpec{CIDRBlock: "10.0.0.0/24", PrefixReservations: []string{"2600::/80"}},
			field: "subnets[2].prefix_reservations[0]", contains: []string{"is an IPv6 CIDR"}},
		{name: "reservation with host bits", spec: SubnetSpec{CIDRBlock: "10.0.0.0/24", PrefixReservations: []string{"10.0.0.65/28"}},
			field: "subnets[2].prefix_reservations[0]", contains: []string{`did you mean "10.0.0.64/28"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseSubnet("subnets[2]", tc.spec)
			checkInputErr(t, err, tc.field, tc.contains...)
		})
	}
}

func TestSubnetLabelAndOverlap(t *testing.T) {
	a, _ := ParseSubnet("subnets[0]", SubnetSpec{CIDRBlock: "10.0.0.0/23", Name: "private-a"})
	b, _ := ParseSubnet("subnets[1]", SubnetSpec{CIDRBlock: "10.0.1.0/24"})
	c, _ := ParseSubnet("subnets[2]", SubnetSpec{CIDRBlock: "10.0.2.0/24"})
	if a.Label() != `"private-a" (10.0.0.0/23)` || b.Label() != "10.0.1.0/24" {
		t.Errorf("labels %s, %s", a.Label(), b.Label())
	}
	if !a.Overlaps(b) || a.Overlaps(c) || b.Overlaps(c) {
		t.Error("overlap detection is wrong")
	}
}

func TestSmallestFittingPrefixLength(t *testing.T) {
	for _, tc := range []struct{ need, want int }{{0, 28}, {11, 28}, {12, 27}, {251, 24}, {252, 23}, {1568, 21}, {65531, 16}, {65532, 0}} {
		got := smallestFittingPrefixLength(func(usable, _ int) bool { return usable >= tc.need })
		if got != tc.want {
			t.Errorf("need %d: /%d, want /%d", tc.need, got, tc.want)
		}
	}
}
