package sizing

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/ekssize/terraform-provider-ekssize/internal/echo"
)

// Facts of AWS IPv4 subnets.
const (
	// subnetMinPrefixLength and subnetMaxPrefixLength bound an IPv4 subnet: /16 to /28.
	subnetMinPrefixLength = 16
	subnetMaxPrefixLength = 28
	// awsReservedIPs is the addresses AWS keeps in every subnet: the first four
	// (network, VPC router, DNS, future use) and the last (broadcast).
	awsReservedIPs = 5
	// edgeBlockIPs is the usable single IPs in the two /28 blocks that can
	// never take a prefix: 12 in the first (after .0-.3) and 15 in the last
	// (before the broadcast address).
	edgeBlockIPs = 27
	// prefixLength is the length of a delegated IPv4 prefix.
	prefixLength = 28
)

// Attribute names inside a subnet object.
const (
	FieldSubnets                 = "subnets"
	FieldPodSubnets              = "pod_subnets"
	FieldCIDRBlock               = "cidr_block"
	FieldAvailableIPAddressCount = "available_ip_address_count"
	FieldPrefixReservations      = "prefix_reservations"
	FieldClusterSubnet           = "cluster_subnet"
	fieldSubnetName              = "name"
)

// SubnetSpec is a subnet as the user gives it.
type SubnetSpec struct {
	// Name labels the subnet in results and messages (optional).
	Name string
	// CIDRBlock is the subnet's IPv4 CIDR, e.g. "10.0.0.0/24".
	CIDRBlock string
	// AvailableIPAddressCount is the live free count from aws_subnet; nil =
	// an empty subnet (usable IPs).
	AvailableIPAddressCount *int
	// PrefixReservations are subnet CIDR reservations of type prefix.
	PrefixReservations []string
	// ClusterSubnet is true when the EKS control plane places its ENIs here.
	ClusterSubnet bool
}

// Subnet is a parsed, validated subnet.
type Subnet struct {
	Name          string
	CIDR          netip.Prefix
	ClusterSubnet bool
	// Reservations are the prefix reservations, sorted by address.
	Reservations []netip.Prefix

	available    int
	hasAvailable bool
	// Derived from the reservations once.
	resBlocks, resIPs int
}

// ParseSubnet validates a subnet. path is its attribute path, e.g.
// "subnets[2]", used in error fields; "" for a subnet whose attributes are
// top-level names (the subnet functions' cidr_block argument and options).
func ParseSubnet(path string, spec SubnetSpec) (Subnet, error) {
	return parseSubnet(func() string { return path }, spec)
}

// parseSubnet is ParseSubnet with the path written only for an error.
func parseSubnet(pathOf func() string, spec SubnetSpec) (Subnet, error) {
	s := Subnet{Name: spec.Name, ClusterSubnet: spec.ClusterSubnet}
	cidrField := func() string { return subnetField(pathOf(), FieldCIDRBlock) }
	p, err := parseIPv4CIDR(cidrField, spec.CIDRBlock)
	if err != nil {
		return s, err
	}
	if p.Bits() < subnetMinPrefixLength || p.Bits() > subnetMaxPrefixLength {
		field := cidrField()
		return s, inputErr(field, "%s %q is a /%d; AWS IPv4 subnets are /16 (65,536 addresses) to /28 (16 addresses), so give a prefix length from 16 to 28", field, spec.CIDRBlock, p.Bits())
	}
	s.CIDR = p
	if spec.AvailableIPAddressCount != nil {
		v := *spec.AvailableIPAddressCount
		if v < 0 || v > s.UsableIPs() {
			f := subnetField(pathOf(), FieldAvailableIPAddressCount)
			return s, inputErr(f, "%s is %d; for %s it must be between 0 and %d (the usable addresses: %d minus the 5 AWS reserves)", f, v, p, s.UsableIPs(), s.TotalIPs())
		}
		s.available, s.hasAvailable = v, true
	}
	path := ""
	if len(spec.PrefixReservations) > 0 {
		path = pathOf()
	}
	for i, raw := range spec.PrefixReservations {
		f := subnetField(path, fmt.Sprintf("%s[%d]", FieldPrefixReservations, i))
		r, err := parseIPv4CIDR(func() string { return f }, raw)
		if err != nil {
			return s, err
		}
		if r.Bits() > prefixLength {
			return s, inputErr(f, "%s %q is a /%d; a prefix reservation must be /28 or larger to hold a /28 prefix", f, raw, r.Bits())
		}
		if r.Bits() < p.Bits() || !p.Contains(r.Addr()) {
			return s, inputErr(f, "%s %q is not inside the subnet %s; a subnet CIDR reservation must lie within its subnet", f, raw, p)
		}
		for j, o := range s.Reservations {
			if o.Overlaps(r) {
				return s, inputErr(f, "%s %q overlaps %s %q; subnet CIDR reservations cannot overlap", f, raw,
					subnetField(path, fmt.Sprintf("%s[%d]", FieldPrefixReservations, j)), o)
			}
		}
		s.Reservations = append(s.Reservations, r)
	}
	s.resBlocks, s.resIPs = s.reservationCounts()
	return s, nil
}

// subnetField is the path of a subnet's attribute: "subnets[2].cidr_block",
// or the bare name for a subnet at the top level (path "").
func subnetField(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// parseIPv4CIDR parses an IPv4 CIDR block; fieldOf names it, for an error.
func parseIPv4CIDR(fieldOf func() string, raw string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(strings.TrimSpace(raw))
	if err == nil && p.Addr().Is4() && p.Masked() == p {
		return p, nil
	}
	field := fieldOf()
	if err != nil {
		return p, inputErr(field, "%s %q is not a CIDR block; use the form \"10.0.0.0/24\" (an IPv4 address, a slash and a prefix length from 16 to 28)", field, raw)
	}
	if !p.Addr().Is4() {
		return p, inputErr(field, "%s %q is an IPv6 CIDR; give the subnet's IPv4 CIDR block (/16 to /28). In an IPv6 cluster nodes still take their IPv4 addresses from it, which is what this counts", field, raw)
	}
	if m := p.Masked(); m != p {
		// Never end a message with "?": Terraform appends a full stop to function errors.
		return p, inputErr(field, "%s %q has bits set after the prefix length; did you mean %q? A CIDR block starts at its network address", field, raw, m.String())
	}
	return p, nil
}

// Label names the subnet in messages: its name and CIDR, or the CIDR.
func (s Subnet) Label() string {
	if s.Name != "" {
		return fmt.Sprintf("%s (%s)", echo.Quote(s.Name), s.CIDR)
	}
	return s.CIDR.String()
}

// TotalIPs is the addresses in the CIDR: 2^(32 - prefix length).
func (s Subnet) TotalIPs() int { return 1 << (32 - s.CIDR.Bits()) }

// UsableIPs is TotalIPs minus the 5 AWS reserves.
func (s Subnet) UsableIPs() int { return s.TotalIPs() - awsReservedIPs }

// FreeIPs is available_ip_address_count when given, else UsableIPs.
func (s Subnet) FreeIPs() int {
	if s.hasAvailable {
		return s.available
	}
	return s.UsableIPs()
}

// UsedIPs is the addresses already taken: UsableIPs - FreeIPs.
func (s Subnet) UsedIPs() int { return s.UsableIPs() - s.FreeIPs() }

// Blocks is the /28 blocks in the subnet: 2^(28 - prefix length).
func (s Subnet) Blocks() int { return 1 << (prefixLength - s.CIDR.Bits()) }

// PrefixEligibleBlocks is the /28 blocks that can hold a delegated prefix: all
// but the first (it holds .0-.3) and the last (the broadcast address); 0 for a
// /27 or /28.
func (s Subnet) PrefixEligibleBlocks() int { return max(0, s.Blocks()-2) }

// PrefixBlocksAvailable is the /28 blocks delegated prefixes can come from:
// with prefix reservations only the eligible blocks inside them (AWS then
// takes prefixes only from the reservations), else PrefixEligibleBlocks.
func (s Subnet) PrefixBlocksAvailable() int {
	if len(s.Reservations) > 0 {
		return s.resBlocks
	}
	return s.PrefixEligibleBlocks()
}

// ReservedPrefixBlocks is the prefix-eligible /28 blocks inside the prefix
// reservations.
func (s Subnet) ReservedPrefixBlocks() int { return s.resBlocks }

// ReservationIPs is the usable addresses inside the prefix reservations, which
// AWS never hands out as single IPs.
func (s Subnet) ReservationIPs() int { return s.resIPs }

func (s Subnet) reservationCounts() (blocks, ips int) {
	first := s.CIDR.Addr()
	last := lastAddr(s.CIDR)
	for _, r := range s.Reservations {
		n := 1 << (32 - r.Bits())
		b := n / ipsPerPrefix
		ips += n
		if r.Contains(first) {
			b--
			ips -= 4
		}
		if r.Contains(last) {
			b--
			ips--
		}
		blocks += max(0, b)
	}
	return blocks, ips
}

func lastAddr(p netip.Prefix) netip.Addr {
	a := p.Addr().As4()
	v := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	v |= uint32(1)<<(32-p.Bits()) - 1
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// Overlaps reports whether two subnets share addresses.
func (s Subnet) Overlaps(o Subnet) bool { return s.CIDR.Overlaps(o.CIDR) }

// smallestFittingPrefixLength is the longest prefix length (smallest subnet)
// whose fresh subnet passes fits, or 0 when even a /16 does not.
func smallestFittingPrefixLength(fits func(usable, eligible int) bool) int {
	for bits := subnetMaxPrefixLength; bits >= subnetMinPrefixLength; bits-- {
		total := 1 << (32 - bits)
		if fits(total-awsReservedIPs, max(0, total/ipsPerPrefix-2)) {
			return bits
		}
	}
	return 0
}
