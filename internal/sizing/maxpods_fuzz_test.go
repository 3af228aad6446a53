package sizing

import (
	"errors"
	"strings"
	"testing"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// FuzzParseCNIVersion: any string either parses to a 1.x version whose
// re-parse is identical, or fails with an InputError on cni_version. Never a panic.
func FuzzParseCNIVersion(f *testing.F) {
	for _, s := range []string{"1.18.3", "v1.9.0", "1.9.0-eksbuild.1", "1.9", "", "v", "1..2", "2.0.0", "1.99999999999999999999.0", "v1.9.0+x", "1.9-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parseCNIVersion(s)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != fieldCNIVersion || !strings.Contains(ie.Msg, "cni_version") {
				t.Fatalf("ParseCNIVersion(%q) error %v is not an InputError on cni_version", s, err)
			}
			return
		}
		if s == "" {
			if v.Given {
				t.Fatalf("empty version is Given")
			}
			return
		}
		again, err := parseCNIVersion(v.String())
		if err != nil || again != v || v.Major != 1 || v.Minor < 0 || v.Patch < 0 {
			t.Fatalf("ParseCNIVersion(%q) = %+v; re-parse of %q = %+v, %v", s, v, v.String(), again, err)
		}
	})
}

// FuzzMaxPods drives MaxPods with arbitrary instance limits and settings: it
// must never panic, errors must name a field, and results must respect the
// documented bounds.
func FuzzMaxPods(f *testing.F) {
	f.Add(3, 10, 2, false, false, false, false, 0, 0, 0, 0, "", "", "", "")
	f.Add(8, 30, 32, true, false, true, true, 1, 2, 100, 10, "ipv4", "linux", "eks", "1.9.0")
	f.Add(2, 2, 1, true, true, false, false, 5, -1, -3, 0, "ipv6", "windows", "none", "v1.8")
	f.Add(0, 0, 0, false, false, false, false, -1, 0, 0, 0, "x", "y", "z", "latest")
	f.Fuzz(func(t *testing.T, enis, ips, vcpus int, pd, xen, cn, sgp bool, reserved, maxENI, limit, ppc int,
		family, os, capPolicy, cni string) {
		spec := InstanceSpec{NetworkInterfaces: enis, IPv4AddressesPerInterface: ips}
		if vcpus != 0 {
			spec.VCPUs = &vcpus
		}
		if xen {
			spec.Hypervisor = ec2data.HypervisorXen
		}
		in, err := customInstance(spec)
		if err != nil {
			checkInputError(t, err)
			return
		}
		n := Networking{PrefixDelegation: pd, CustomNetworking: cn, SecurityGroupsForPods: sgp, ReservedENIs: reserved,
			IPFamily: family, OS: os, CapPolicy: capPolicy, CNIVersion: cni}
		if maxENI != 0 {
			n.MaxENI = &maxENI
		}
		if limit != 0 {
			n.MaxPodsLimit = &limit
		}
		if ppc != 0 {
			n.PodsPerCore = &ppc
		}
		res, warns, err := MaxPods(in, n)
		if err != nil {
			checkInputError(t, err)
			return
		}
		for _, w := range warns {
			if w.Field == "" || w.Summary == "" || w.Detail == "" {
				t.Fatalf("incomplete warning %+v", w)
			}
		}
		if res.MaxPods < 1 || res.MaxPods > res.MaxPodsUncapped || (res.Cap > 0 && res.MaxPods > res.Cap) || res.Formula() == "" {
			t.Fatalf("result out of bounds: %+v", res)
		}
		if res.ENIMaxPods != enis*(ips-1)+2 {
			t.Fatalf("ENIMaxPods %d for %d x %d", res.ENIMaxPods, enis, ips)
		}
	})
}

func checkInputError(t *testing.T, err error) {
	t.Helper()
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field == "" || ie.Msg == "" {
		t.Fatalf("error %v (%T) is not an InputError naming a field", err, err)
	}
}
