package sizing

import (
	"net/netip"
)

// FieldClusterServiceCIDR is the cluster object's service CIDR attribute.
const FieldClusterServiceCIDR = "cluster.service_cidr"

// ClusterDNSIP is the cluster DNS (kube-dns) service address that nodeadm
// infers from the service CIDR and that Bottlerocket's cluster-dns-ip takes:
// the address numbered 10 in the block (10.100.0.0/16 -> 10.100.0.10,
// fd12:3456::/108 -> fd12:3456::a). IPv4 blocks must be /12 to /24, the range
// EKS accepts for service_ipv4_cidr; IPv6 blocks /120 or wider.
func ClusterDNSIP(serviceCIDR string) (string, error) {
	p, err := netip.ParsePrefix(serviceCIDR)
	if err != nil {
		return "", inputErr(FieldClusterServiceCIDR, "cluster.service_cidr is %q, which is not a CIDR block; give the cluster's service CIDR, such as \"10.100.0.0/16\" or \"172.20.0.0/16\" (aws_eks_cluster kubernetes_network_config[0].service_ipv4_cidr)", serviceCIDR)
	}
	if p.Addr().Is4In6() {
		return "", inputErr(FieldClusterServiceCIDR, "cluster.service_cidr is %q; write an IPv4 block without the ::ffff: prefix", serviceCIDR)
	}
	if p.Addr().Is4() {
		if p.Bits() < 12 || p.Bits() > 24 {
			return "", inputErr(FieldClusterServiceCIDR, "cluster.service_cidr is %q; EKS service CIDR blocks are /12 to /24", serviceCIDR)
		}
	} else if p.Bits() > 120 {
		return "", inputErr(FieldClusterServiceCIDR, "cluster.service_cidr is %q; an IPv6 service CIDR must be /120 or wider", serviceCIDR)
	}
	b := p.Masked().Addr().AsSlice()
	b[len(b)-1] += 10 // the low byte of a /24-or-wider network address is 0
	a, _ := netip.AddrFromSlice(b)
	return a.String(), nil
}
