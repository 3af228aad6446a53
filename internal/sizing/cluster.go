package sizing

import (
	"bytes"
	"encoding/base64"
	"net/netip"
	"net/url"
	"strings"
)

// Field names of the cluster object.
const (
	FieldClusterName                 = "cluster.name"
	FieldClusterAPIServerEndpoint    = "cluster.api_server_endpoint"
	FieldClusterCertificateAuthority = "cluster.certificate_authority"
	FieldClusterServiceCIDR          = "cluster.service_cidr"
)

// Cluster is the cluster a node joins, as the provider's cluster object gives
// it (the aws_eks_cluster attributes).
type Cluster struct {
	Name                 string
	APIServerEndpoint    string
	CertificateAuthority string
	ServiceCIDR          string
}

// ValidateCluster checks every field of the cluster object and returns the
// cluster DNS address (ClusterDNSIP). A NodeConfig or Bottlerocket document
// with an empty or malformed field is "complete" but the node cannot join, so
// each is an error here, not at boot. The checks are also available one by
// one (CheckClusterName, ...) for a configuration whose other fields are not
// known yet.
func ValidateCluster(c Cluster) (dnsIP string, err error) {
	if err := CheckClusterName(c.Name); err != nil {
		return "", err
	}
	if err := CheckAPIServerEndpoint(c.APIServerEndpoint); err != nil {
		return "", err
	}
	if err := CheckCertificateAuthority(c.CertificateAuthority); err != nil {
		return "", err
	}
	return ClusterDNSIP(c.ServiceCIDR)
}

// CheckClusterName applies the EKS CreateCluster rule for names: 1 to 100
// characters, letters, digits, hyphens and underscores, starting with a letter
// or digit.
func CheckClusterName(name string) error {
	if strings.TrimSpace(name) == "" {
		return inputErr(FieldClusterName, "cluster.name is empty; give the EKS cluster's name (aws_eks_cluster.name)")
	}
	ok := len(name) <= 100
	for i, r := range name {
		alnum := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
		if !alnum && (i == 0 || r != '-' && r != '_') {
			ok = false
		}
	}
	if !ok {
		return inputErr(FieldClusterName, "cluster.name is %q, which is not an EKS cluster name: 1 to 100 letters, digits, hyphens and underscores, starting with a letter or digit (aws_eks_cluster.name)", name)
	}
	return nil
}

// CheckAPIServerEndpoint requires an https URL with a host and nothing after
// it but a path, as aws_eks_cluster.endpoint is ("https://ABC.gr7.us-west-2.eks.amazonaws.com").
func CheckAPIServerEndpoint(endpoint string) error {
	if strings.TrimSpace(endpoint) == "" {
		return inputErr(FieldClusterAPIServerEndpoint, "cluster.api_server_endpoint is empty; give the cluster's API server URL (aws_eks_cluster.endpoint), such as \"https://ABCD1234.gr7.us-west-2.eks.amazonaws.com\"")
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || strings.TrimSpace(endpoint) != endpoint {
		return inputErr(FieldClusterAPIServerEndpoint, "cluster.api_server_endpoint is %q, which is not an https URL such as \"https://ABCD1234.gr7.us-west-2.eks.amazonaws.com\" (aws_eks_cluster.endpoint)", endpoint)
	}
	return nil
}

// CheckCertificateAuthority requires what kubelet's kubeconfig takes as
// certificate-authority-data: base64 of a PEM certificate bundle, as
// aws_eks_cluster.certificate_authority[0].data is.
func CheckCertificateAuthority(ca string) error {
	if strings.TrimSpace(ca) == "" {
		return inputErr(FieldClusterCertificateAuthority, "cluster.certificate_authority is empty; give the base64-encoded CA bundle (aws_eks_cluster.certificate_authority[0].data)")
	}
	pem, err := base64.StdEncoding.DecodeString(ca)
	if err != nil {
		// The value is a credential's neighbour: the message does not echo it.
		return inputErr(FieldClusterCertificateAuthority, "cluster.certificate_authority is not base64 (%d characters); give aws_eks_cluster.certificate_authority[0].data as it is, not decoded", len(ca))
	}
	if !bytes.Contains(pem, []byte("-----BEGIN CERTIFICATE-----")) {
		return inputErr(FieldClusterCertificateAuthority, "cluster.certificate_authority decodes to no PEM certificate (no \"-----BEGIN CERTIFICATE-----\"); give aws_eks_cluster.certificate_authority[0].data, the base64 of the CA bundle")
	}
	return nil
}

// ClusterDNSIP is the cluster DNS (kube-dns) service address that nodeadm
// infers from the service CIDR and that Bottlerocket's cluster-dns-ip takes:
// the address numbered 10 in the block (10.100.0.0/16 -> 10.100.0.10,
// fd12:3456::/108 -> fd12:3456::a). IPv4 blocks must be /12 to /24, the range
// EKS accepts for service_ipv4_cidr; IPv6 blocks /120 or wider.
func ClusterDNSIP(serviceCIDR string) (string, error) {
	if strings.TrimSpace(serviceCIDR) == "" {
		return "", inputErr(FieldClusterServiceCIDR, "cluster.service_cidr is empty; give the cluster's service CIDR, such as \"10.100.0.0/16\" or \"172.20.0.0/16\" (aws_eks_cluster kubernetes_network_config[0].service_ipv4_cidr)")
	}
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
