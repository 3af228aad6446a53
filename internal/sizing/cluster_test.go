package sizing

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateCluster(t *testing.T) {
	ok := Cluster{Name: "demo-1_a", APIServerEndpoint: "https://ABCD.gr7.us-west-2.eks.amazonaws.com",
		CertificateAuthority: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=", ServiceCIDR: "10.100.0.0/16"}
	if ip, err := ValidateCluster(ok); err != nil || ip != "10.100.0.10" {
		t.Fatalf("valid cluster: %q, %v", ip, err)
	}
	for _, c := range []struct {
		field, value, wantField, want string
	}{
		{"name", "", FieldClusterName, "cluster.name is empty"},
		{"name", "  ", FieldClusterName, "cluster.name is empty"},
		{"name", "-demo", FieldClusterName, `cluster.name is "-demo", which is not an EKS cluster name`},
		{"name", "a.b", FieldClusterName, `cluster.name is "a.b", which is not`},
		{"name", strings.Repeat("a", 101), FieldClusterName, `which is not an EKS cluster name`},
		{"endpoint", "", FieldClusterAPIServerEndpoint, "cluster.api_server_endpoint is empty"},
		{"endpoint", "http://x.example", FieldClusterAPIServerEndpoint, `cluster.api_server_endpoint is "http://x.example", which is not an https URL`},
		{"endpoint", "https://", FieldClusterAPIServerEndpoint, "which is not an https URL"},
		{"endpoint", " https://x.example", FieldClusterAPIServerEndpoint, "which is not an https URL"},
		{"ca", "", FieldClusterCertificateAuthority, "cluster.certificate_authority is empty"},
		{"ca", "not base64!", FieldClusterCertificateAuthority, "cluster.certificate_authority is not base64 (11 characters)"},
		{"ca", "Q0E=", FieldClusterCertificateAuthority, "decodes to no PEM certificate"},
		{"cidr", "", FieldClusterServiceCIDR, "cluster.service_cidr is empty"},
	} {
		in := ok
		switch c.field {
		case "name":
			in.Name = c.value
		case "endpoint":
			in.APIServerEndpoint = c.value
		case "ca":
			in.CertificateAuthority = c.value
		case "cidr":
			in.ServiceCIDR = c.value
		}
		_, err := ValidateCluster(in)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != c.wantField || !strings.Contains(ie.Msg, c.want) {
			t.Errorf("%s = %.30q: %v; want %s: %q", c.field, c.value, err, c.wantField, c.want)
		}
	}
	// 100 characters is the longest name EKS accepts.
	in := ok
	in.Name = strings.Repeat("a", 100)
	if _, err := ValidateCluster(in); err != nil {
		t.Errorf("100-character name: %v", err)
	}
}
