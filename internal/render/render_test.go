package render

import (
	"flag"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

func ptr[T any](v T) *T { return &v }

// renderCase is one node configuration run through sizing and every renderer.
type renderCase struct {
	name    string
	in      sizing.NodeResourcesInput
	cluster *Cluster
}

func renderCases(t testing.TB) []renderCase {
	lookup := func(name string) ec2data.Instance {
		in, err := ec2data.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		return in
	}
	return []renderCase{
		{name: "m5-large", in: sizing.NodeResourcesInput{Instance: lookup("m5.large")}},
		{name: "a1-large-cluster", in: sizing.NodeResourcesInput{Instance: lookup("a1.large")}, cluster: &Cluster{
			Name:                 "demo",
			APIServerEndpoint:    "https://0123456789ABCDEF.gr7.us-west-2.eks.amazonaws.com",
			CertificateAuthority: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=",
			ServiceCIDR:          "10.100.0.0/16",
		}},
		{name: "m5-large-prefix-overrides", in: sizing.NodeResourcesInput{
			Instance:   lookup("m5.large"),
			Networking: sizing.Networking{PrefixDelegation: true},
			// Reserve for the 110 pods (the al2023 default, eni, would reserve for 29).
			KubeReservedBasis: sizing.BasisMaxPods,
			SystemReserved:    sizing.ReservedInput{CPU: ptr("100m"), Memory: ptr("200Mi")},
			EvictionHard:      map[string]string{"memory.available": "5%", "pid.available": "1k"},
		}},
	}
}

// renderings lists every format, keyed by golden-file suffix.
func renderings(r sizing.NodeResourcesResult, c *Cluster) map[string]string {
	nf := NodeFlags(r)
	return map[string]string{
		"kubelet-args.txt":          KubeletExtraArgs(nf) + "\n",
		"al2-bootstrap-args.txt":    AL2BootstrapExtraArgs(nf) + "\n",
		"nodeadm.yaml":              NodeadmConfig(nf, c),
		"bottlerocket-settings.txt": BottlerocketSettings(nf),
		"bottlerocket.toml":         BottlerocketSettingsTOML(nf, c),
		"karpenter-kubelet.yaml":    KarpenterKubeletYAML(KarpenterFlags(r)),
	}
}

func resolve(t testing.TB, rc renderCase) (sizing.NodeResourcesResult, *Cluster) {
	t.Helper()
	r, _, err := sizing.NodeResources(rc.in)
	if err != nil {
		t.Fatal(err)
	}
	c := rc.cluster
	if c != nil {
		cc := *c
		if cc.DNSIP, err = sizing.ClusterDNSIP(cc.ServiceCIDR); err != nil {
			t.Fatal(err)
		}
		c = &cc
	}
	return r, c
}

func TestGolden(t *testing.T) {
	for _, rc := range renderCases(t) {
		r, c := resolve(t, rc)
		for format, got := range renderings(r, c) {
			t.Run(rc.name+"/"+format, func(t *testing.T) {
				path := filepath.Join("testdata", rc.name+"."+format+".golden")
				if *update {
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./internal/render -update to create it)", err)
				}
				if got != string(want) {
					t.Errorf("%s differs from the golden file (go test ./internal/render -update rewrites it)\n--- got\n%s--- want\n%s", path, got, want)
				}
			})
		}
	}
}

// nodeConfig is the part of nodeadm's NodeConfig the renderer writes.
type nodeConfig struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Spec       struct {
		Cluster *struct {
			Name                 string `yaml:"name"`
			APIServerEndpoint    string `yaml:"apiServerEndpoint"`
			CertificateAuthority string `yaml:"certificateAuthority"`
			CIDR                 string `yaml:"cidr"`
		} `yaml:"cluster"`
		Kubelet struct {
			Config struct {
				MaxPods        int               `yaml:"maxPods"`
				KubeReserved   map[string]string `yaml:"kubeReserved"`
				SystemReserved map[string]string `yaml:"systemReserved"`
				EvictionHard   map[string]string `yaml:"evictionHard"`
			} `yaml:"config"`
		} `yaml:"kubelet"`
	} `yaml:"spec"`
}

type karpenterKubelet struct {
	MaxPods        int               `yaml:"maxPods"`
	KubeReserved   map[string]string `yaml:"kubeReserved"`
	SystemReserved map[string]string `yaml:"systemReserved"`
	EvictionHard   map[string]string `yaml:"evictionHard"`
}

// bottlerocketKubernetes is settings.kubernetes as Bottlerocket reads it.
type bottlerocketKubernetes struct {
	ClusterName        string            `toml:"cluster-name"`
	APIServer          string            `toml:"api-server"`
	ClusterCertificate string            `toml:"cluster-certificate"`
	ClusterDNSIP       string            `toml:"cluster-dns-ip"`
	MaxPods            int               `toml:"max-pods"`
	KubeReserved       map[string]string `toml:"kube-reserved"`
	SystemReserved     map[string]string `toml:"system-reserved"`
	EvictionHard       map[string]string `toml:"eviction-hard"`
	NodeLabels         map[string]string `toml:"node-labels"`
}

type bottlerocketDoc struct {
	Settings struct {
		Kubernetes bottlerocketKubernetes `toml:"kubernetes"`
	} `toml:"settings"`
}

// TestRenderingsParse reads every rendering back with a real YAML or TOML
// parser and checks it says what sizing computed.
func TestRenderingsParse(t *testing.T) {
	for _, rc := range renderCases(t) {
		t.Run(rc.name, func(t *testing.T) {
			r, c := resolve(t, rc)
			nf, kf := NodeFlags(r), KarpenterFlags(r)
			wantKube := map[string]string{"cpu": r.KubeReserved.CPU.Text, "memory": r.KubeReserved.Memory.Text, "ephemeral-storage": r.KubeReserved.EphemeralStorage.Text}
			wantSys := kvMap(nf.SystemReserved)
			var wantNodeEviction map[string]string
			if r.EvictionHardOverridden {
				wantNodeEviction = r.EvictionHard
			}

			var nc nodeConfig
			if err := yaml.Unmarshal([]byte(NodeadmConfig(nf, c)), &nc); err != nil {
				t.Fatalf("nodeadm YAML: %v", err)
			}
			if nc.APIVersion != "node.eks.aws/v1alpha1" || nc.Kind != "NodeConfig" {
				t.Errorf("nodeadm header: %s %s", nc.APIVersion, nc.Kind)
			}
			kc := nc.Spec.Kubelet.Config
			if kc.MaxPods != r.MaxPods || !maps.Equal(kc.KubeReserved, wantKube) || !maps.Equal(kc.SystemReserved, wantSys) || !maps.Equal(kc.EvictionHard, wantNodeEviction) {
				t.Errorf("nodeadm kubelet config = %+v", kc)
			}
			if (nc.Spec.Cluster != nil) != (c != nil) {
				t.Errorf("nodeadm cluster section = %+v for cluster %+v", nc.Spec.Cluster, c)
			} else if c != nil && (nc.Spec.Cluster.Name != c.Name || nc.Spec.Cluster.APIServerEndpoint != c.APIServerEndpoint ||
				nc.Spec.Cluster.CertificateAuthority != c.CertificateAuthority || nc.Spec.Cluster.CIDR != c.ServiceCIDR) {
				t.Errorf("nodeadm cluster = %+v, want %+v", nc.Spec.Cluster, c)
			}

			var kk karpenterKubelet
			if err := yaml.Unmarshal([]byte(KarpenterKubeletYAML(kf)), &kk); err != nil {
				t.Fatalf("Karpenter YAML: %v", err)
			}
			spec := KarpenterKubelet(kf)
			if kk.MaxPods != r.MaxPods || !maps.Equal(kk.KubeReserved, wantKube) || !maps.Equal(kk.EvictionHard, r.EvictionHard) || !maps.Equal(kk.SystemReserved, wantSys) {
				t.Errorf("Karpenter kubelet = %+v", kk)
			}
			if spec.MaxPods != kk.MaxPods || !maps.Equal(spec.KubeReserved, kk.KubeReserved) || !maps.Equal(spec.EvictionHard, kk.EvictionHard) || !maps.Equal(spec.SystemReserved, kk.SystemReserved) {
				t.Errorf("KarpenterKubelet %+v disagrees with its YAML %+v", spec, kk)
			}

			checkBR := func(what string, k bottlerocketKubernetes) {
				t.Helper()
				if k.MaxPods != r.MaxPods || !maps.Equal(k.KubeReserved, wantKube) || !maps.Equal(k.SystemReserved, wantSys) || !maps.Equal(k.EvictionHard, wantNodeEviction) {
					t.Errorf("%s: settings.kubernetes = %+v", what, k)
				}
			}
			var doc bottlerocketDoc
			if _, err := toml.Decode(BottlerocketSettingsTOML(nf, c), &doc); err != nil {
				t.Fatalf("Bottlerocket TOML: %v", err)
			}
			checkBR("complete document", doc.Settings.Kubernetes)
			if c != nil {
				k := doc.Settings.Kubernetes
				if k.ClusterName != c.Name || k.APIServer != c.APIServerEndpoint || k.ClusterCertificate != c.CertificateAuthority || k.ClusterDNSIP != c.DNSIP {
					t.Errorf("Bottlerocket cluster settings = %+v, want %+v", k, c)
				}
			}

			// The key lines must work pasted anywhere in a user's own
			// [settings.kubernetes] table, including before a sub-table.
			userData := "[settings.kubernetes]\ncluster-name = \"mine\"\n" + BottlerocketSettings(nf) +
				"api-server = \"https://example.com\"\n\n[settings.kubernetes.node-labels]\nteam = \"a\"\n"
			doc = bottlerocketDoc{}
			if _, err := toml.Decode(userData, &doc); err != nil {
				t.Fatalf("Bottlerocket key lines inside a table: %v\n%s", err, userData)
			}
			checkBR("key lines", doc.Settings.Kubernetes)
			if k := doc.Settings.Kubernetes; k.ClusterName != "mine" || k.APIServer != "https://example.com" || k.NodeLabels["team"] != "a" {
				t.Errorf("key lines disturbed the surrounding settings: %+v", k)
			}
		})
	}
}

// TestQuoteRoundTrips checks hostile cluster values survive both parsers.
func TestQuoteRoundTrips(t *testing.T) {
	for _, s := range []string{
		`plain`, `with "quotes" and \backslashes\`, "tab\tnewline\ncr\r", "bell\a del\x7f nel\u0085",
		"bom\ufeff", "unicode é 日本 🚀", "invalid \xff byte", `#comment: {not: yaml} [x]`, "'single'", "",
	} {
		want := perByteValid(s)
		c := &Cluster{Name: s, APIServerEndpoint: s, CertificateAuthority: s, ServiceCIDR: s, DNSIP: s}
		var nc nodeConfig
		if err := yaml.Unmarshal([]byte(NodeadmConfig(KubeletFlags{MaxPods: 1}, c)), &nc); err != nil {
			t.Errorf("YAML for %q: %v", s, err)
			continue
		}
		if s != "" && (nc.Spec.Cluster == nil || nc.Spec.Cluster.Name != want) {
			t.Errorf("YAML round trip of %q = %+v", s, nc.Spec.Cluster)
		}
		var doc bottlerocketDoc
		if _, err := toml.Decode(BottlerocketSettingsTOML(KubeletFlags{MaxPods: 1}, c), &doc); err != nil {
			t.Errorf("TOML for %q: %v", s, err)
			continue
		}
		if doc.Settings.Kubernetes.ClusterName != want {
			t.Errorf("TOML round trip of %q = %q", s, doc.Settings.Kubernetes.ClusterName)
		}
	}
}

func TestFlagsSelection(t *testing.T) {
	rcs := renderCases(t)
	r, _ := resolve(t, rcs[0])
	nf := NodeFlags(r)
	if nf.MaxPods != 29 || len(nf.KubeReserved) != 3 || nf.SystemReserved != nil || nf.EvictionHard != nil {
		t.Errorf("defaults: node flags %+v (no system-reserved, no eviction-hard expected)", nf)
	}
	if kf := KarpenterFlags(r); len(kf.EvictionHard) != 3 || kf.EvictionHard[0].Key != "memory.available" {
		t.Errorf("Karpenter flags always carry eviction-hard: %+v", kf.EvictionHard)
	}
	if spec := KarpenterKubelet(nf); spec.SystemReserved != nil || spec.EvictionHard != nil {
		t.Errorf("unset maps must be nil: %+v", spec)
	}
	r, _ = resolve(t, rcs[2])
	nf = NodeFlags(r)
	if nf.MaxPods != 110 || len(nf.SystemReserved) != 2 || len(nf.EvictionHard) != 4 {
		t.Errorf("overrides: node flags %+v", nf)
	}
}

func BenchmarkRender(b *testing.B) {
	rc := renderCases(b)[1]
	r, c := resolve(b, rc)
	b.ReportAllocs()
	for b.Loop() {
		nf := NodeFlags(r)
		_ = KubeletExtraArgs(nf)
		_ = AL2BootstrapExtraArgs(nf)
		_ = NodeadmConfig(nf, c)
		_ = BottlerocketSettings(nf)
		_ = BottlerocketSettingsTOML(nf, c)
		kf := KarpenterFlags(r)
		_ = KarpenterKubelet(kf)
		_ = KarpenterKubeletYAML(kf)
	}
}

func BenchmarkNodeResourcesAndRender(b *testing.B) {
	rc := renderCases(b)[0]
	b.ReportAllocs()
	for b.Loop() {
		r, _, err := sizing.NodeResources(rc.in)
		if err != nil {
			b.Fatal(err)
		}
		_ = NodeadmConfig(NodeFlags(r), nil)
	}
}

// TestAL2ArgsSurviveSystemd checks that the AL2 rendering is the plain kubelet
// flags once systemd has resolved %% back to %.
func TestAL2ArgsSurviveSystemd(t *testing.T) {
	for _, rc := range renderCases(t) {
		r, _ := resolve(t, rc)
		nf := NodeFlags(r)
		al2 := AL2BootstrapExtraArgs(nf)
		inner := strings.TrimSuffix(strings.TrimPrefix(al2, "--use-max-pods false --kubelet-extra-args '"), "'")
		if strings.Contains(strings.ReplaceAll(inner, "%%", ""), "%") {
			t.Errorf("%s: lone %% in %q", rc.name, inner)
		}
		if got := strings.ReplaceAll(inner, "%%", "%"); got != KubeletExtraArgs(nf) {
			t.Errorf("%s: AL2 args %q do not unescape to %q", rc.name, got, KubeletExtraArgs(nf))
		}
	}
}

// FuzzQuote checks any string survives quoting into both YAML and TOML.
func FuzzQuote(f *testing.F) {
	for _, s := range []string{"demo", `a"b\c`, "line\nbreak", "\x00\x1f\x7f\u0085\ufeff", "\xff", "🚀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := perByteValid(s)
		var y struct{ V string }
		if err := yaml.Unmarshal([]byte("v: "+quote(s)+"\n"), &y); err != nil || y.V != want {
			t.Fatalf("YAML %q: got %q, %v", s, y.V, err)
		}
		var tm struct{ V string }
		if _, err := toml.Decode("V = "+quote(s)+"\n", &tm); err != nil || tm.V != want {
			t.Fatalf("TOML %q: got %q, %v", s, tm.V, err)
		}
	})
}

// perByteValid is s with each byte that is not UTF-8 replaced by U+FFFD, as
// quote writes it.
func perByteValid(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r) // ranging over a string yields U+FFFD per bad byte
	}
	return b.String()
}
