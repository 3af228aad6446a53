package ec2data

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestENIMaxPodsMatchesVPCCNI checks every row of the VPC CNI v1.23.2
// eni-max-pods.txt (committed as testdata) against the embedded table.
func TestENIMaxPodsMatchesVPCCNI(t *testing.T) {
	f, err := os.Open("testdata/eni-max-pods.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tbl := MustDefault()
	seen := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 2 {
			t.Fatalf("bad line %q", line)
		}
		want, err := strconv.Atoi(fields[1])
		if err != nil {
			t.Fatal(err)
		}
		in, err := tbl.Lookup(fields[0])
		if err != nil {
			t.Errorf("%s: %v", fields[0], err)
			continue
		}
		if got := in.ENIMaxPods(); got != want {
			t.Errorf("%s: ENIMaxPods = %d, eni-max-pods.txt says %d", fields[0], got, want)
		}
		seen++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if seen != 1391 || tbl.Len() != 1391 {
		t.Fatalf("checked %d rows, table has %d; want 1391 each", seen, tbl.Len())
	}
}

func TestLookupKnownRows(t *testing.T) {
	tests := []struct {
		name string
		want Instance
	}{
		{"m5.large", Instance{Name: "m5.large", DefaultCardENIs: 3, IPv4PerENI: 10, NetworkCards: 1, TotalENIs: 3,
			Hypervisor: "nitro", TrunkingKnown: true, TrunkingCompatible: true, BranchENIs: 9, VCPUs: 2, MemoryMiB: 8192,
			Arch: "amd64", NetworkBandwidthMbps: 750, EBSMaxAttachments: 27, EBSAttachmentType: "shared"}},
		{"p5.48xlarge", Instance{Name: "p5.48xlarge", DefaultCardENIs: 2, IPv4PerENI: 50, NetworkCards: 32, TotalENIs: 64,
			Hypervisor: "nitro", TrunkingKnown: true, TrunkingCompatible: true, BranchENIs: 120, VCPUs: 192, MemoryMiB: 2097152,
			Arch: "amd64", GPUCount: 8, GPUManufacturer: "nvidia", LocalNVMeGiB: 30400, EFA: 32, NetworkBandwidthMbps: 3200000,
			EBSMaxAttachments: 64, EBSAttachmentType: "dedicated"}},
		{"t2.micro", Instance{Name: "t2.micro", DefaultCardENIs: 2, IPv4PerENI: 2, NetworkCards: 1, TotalENIs: 2,
			Hypervisor: "xen", TrunkingKnown: true, VCPUs: 1, MemoryMiB: 1024, Arch: "amd64", EBSMaxAttachments: 39,
			EBSAttachmentType: "dedicated"}},
		// Completed from EC2 DescribeInstanceTypes data (tools/data/README.md).
		{"trn2.3xlarge", Instance{Name: "trn2.3xlarge", DefaultCardENIs: 2, IPv4PerENI: 15, NetworkCards: 1, TotalENIs: 2,
			Hypervisor: "nitro", VCPUs: 12, MemoryMiB: 131072, Arch: "amd64", AcceleratorCount: 1, EBSMaxAttachments: 32,
			EBSAttachmentType: "dedicated"}},
		{"mac-m4.metal", Instance{Name: "mac-m4.metal", DefaultCardENIs: 8, IPv4PerENI: 30, NetworkCards: 1, TotalENIs: 8,
			Hypervisor: "unknown", BareMetal: true, TrunkingKnown: true, TrunkingCompatible: true, BranchENIs: 6, VCPUs: 10,
			MemoryMiB: 24576, Arch: "arm64", EBSMaxAttachments: 31, EBSAttachmentType: "shared"}},
		{"bmn-sf1.metal", Instance{Name: "bmn-sf1.metal", DefaultCardENIs: 15, IPv4PerENI: 50, NetworkCards: 1, TotalENIs: 15,
			Hypervisor: "unknown", BareMetal: true, EBSMaxAttachments: 27, EBSAttachmentType: "shared"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Lookup(tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Lookup(%q) =\n%+v\nwant\n%+v", tt.name, got, tt.want)
			}
		})
	}
}

func TestLookupUnknownSuggests(t *testing.T) {
	tests := []struct {
		name, wantSubstr string
	}{
		{"m5.larg", `did you mean m5.large?`},
		{"m5large", `did you mean m5.large?`},
		{"M5.Large", `did you mean m5.large?`},
		{" m5.large", `did you mean m5.large?`},
		{"m5.lrage", `did you mean m5.large?`},
		{"c5.4xlrge", `did you mean c5.4xlarge?`},
		{"t3.mediun", `did you mean t3.medium`},
		{"zz-nothing-like-it-at-all", `"zz-nothing-like-it-at-all" is not in the embedded instance table (data version 2026-11+vpc-cni-v1.23.2).`},
		{"", `instance type "" is not in the embedded instance table`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Lookup(tt.name)
			if err == nil {
				t.Fatal("want an error")
			}
			if !strings.Contains(err.Error(), tt.wantSubstr) {
				t.Errorf("error %q does not contain %q", err, tt.wantSubstr)
			}
		})
	}
}

func TestProvenance(t *testing.T) {
	tbl := MustDefault()
	if tbl.DataVersion != "2026-11+vpc-cni-v1.23.2" {
		t.Errorf("DataVersion = %q", tbl.DataVersion)
	}
	if len(tbl.Sources) != 2 || !strings.Contains(tbl.Sources[0], "github.com/aws/amazon-vpc-cni-k8s@v1.23.2") {
		t.Errorf("Sources = %q", tbl.Sources)
	}
}

// TestTableConsistency cross-checks every row's facts against each other.
func TestTableConsistency(t *testing.T) {
	var unknownVCPUs []string
	for _, in := range MustDefault().All() {
		if in.DefaultCardENIs < 1 || in.IPv4PerENI < 2 {
			t.Errorf("%s: default card ENIs %d, IPv4 per ENI %d", in.Name, in.DefaultCardENIs, in.IPv4PerENI)
		}
		if in.NetworkCards < 1 || in.TotalENIs < in.DefaultCardENIs || in.TotalENIs > in.NetworkCards*in.DefaultCardENIs*4 {
			t.Errorf("%s: %d cards, %d total ENIs, %d on the default card", in.Name, in.NetworkCards, in.TotalENIs, in.DefaultCardENIs)
		}
		if in.NetworkCards == 1 && in.TotalENIs != in.DefaultCardENIs {
			t.Errorf("%s: one card but total ENIs %d != default card ENIs %d", in.Name, in.TotalENIs, in.DefaultCardENIs)
		}
		if in.DefaultNetworkCardIndex >= in.NetworkCards {
			t.Errorf("%s: default card index %d out of %d cards", in.Name, in.DefaultNetworkCardIndex, in.NetworkCards)
		}
		if in.TrunkingCompatible && in.BranchENIs < 1 {
			t.Errorf("%s: trunking compatible with %d branch ENIs", in.Name, in.BranchENIs)
		}
		if !in.TrunkingCompatible && in.BranchENIs != 0 {
			t.Errorf("%s: not trunking compatible but %d branch ENIs", in.Name, in.BranchENIs)
		}
		if in.Hypervisor == HypervisorXen && in.TrunkingCompatible {
			t.Errorf("%s: Xen type marked trunking compatible", in.Name)
		}
		// The EBS CSI driver gives Xen types 39 dedicated attachments, except the
		// families its own list treats as Nitro-style (f1, p3 but not p3dn): 27 shared.
		xenException := strings.HasPrefix(in.Name, "f1.") || strings.HasPrefix(in.Name, "p3.")
		if in.Hypervisor == HypervisorXen && !xenException && (in.EBSAttachmentType != EBSDedicated || in.EBSMaxAttachments != 39) {
			t.Errorf("%s: Xen type with EBS %d %s, the EBS CSI driver gives Xen 39 dedicated", in.Name, in.EBSMaxAttachments, in.EBSAttachmentType)
		}
		if in.EBSMaxAttachments < 2 {
			t.Errorf("%s: EBS attachment limit %d leaves nothing beside the root volume", in.Name, in.EBSMaxAttachments)
		}
		if in.HasVCPUs() != in.HasMemory() || in.HasVCPUs() != (in.Arch != "") {
			t.Errorf("%s: vCPUs %d, memory %d, arch %q: known together or not at all", in.Name, in.VCPUs, in.MemoryMiB, in.Arch)
		}
		if in.Arch != "" && in.Arch != "amd64" && in.Arch != "arm64" {
			t.Errorf("%s: arch %q", in.Name, in.Arch)
		}
		if !in.HasVCPUs() {
			unknownVCPUs = append(unknownVCPUs, in.Name)
		}
	}
	// tools/data/README.md says why these four have no public specification.
	if want := []string{"bmn-sf1.metal", "c5a.metal", "c5ad.metal", "c7i.32xlarge"}; !slices.Equal(unknownVCPUs, want) {
		t.Errorf("types with unknown vCPUs: %v, tools/data/README.md lists %v", unknownVCPUs, want)
	}
}

func columnNames() []string {
	names := make([]string, len(columns))
	for i, c := range columns {
		names[i] = c.name
	}
	return names
}

func TestParseRejectsBadTables(t *testing.T) {
	header := strings.Join(columnNames(), "\t")
	good := "m5.large\t3\t10\t1\t3\t0\tnitro\tfalse\ttrue\t9\t2\t8192\tamd64\t\t\t\t\t\t750\t27\tshared"
	tests := map[string]struct{ raw, want string }{
		"no version":      {header + "\n" + good, "no data_version"},
		"no header":       {"# data_version: x\n", "no header row"},
		"bad header":      {"# data_version: x\na\tb\n", "header has 2 columns"},
		"short row":       {"# data_version: x\n" + header + "\nm5.large\t3\n", "want 21 tab-separated fields"},
		"bad number":      {"# data_version: x\n" + header + "\n" + strings.Replace(good, "\t3\t10", "\tthree\t10", 1), "default_card_enis is not a whole number"},
		"bad bool":        {"# data_version: x\n" + header + "\n" + strings.Replace(good, "false", "no", 1), "bare_metal is not true/false"},
		"bad hyperv":      {"# data_version: x\n" + header + "\n" + strings.Replace(good, "nitro", "kvm", 1), `unknown hypervisor "kvm"`},
		"duplicate":       {"# data_version: x\n" + header + "\n" + good + "\n" + good, "duplicate instance type"},
		"empty needed":    {"# data_version: x\n" + header + "\n" + strings.Replace(good, "\t27\t", "\t\t", 1), "ebs_max_attachments is empty"},
		"unknown column":  {"# data_version: x\n" + strings.Replace(header, "\tefa\t", "\tefa_count\t", 1) + "\n" + good, `column 18 is "efa_count", which is not a known column`},
		"repeated column": {"# data_version: x\n" + strings.Replace(header, "\tefa\t", "\tvcpus\t", 1) + "\n" + good, `column 18 repeats "vcpus"`},
		"long row":        {"# data_version: x\n" + header + "\n" + good + "\textra\n", "want 21 tab-separated fields"},
		"empty bool":      {"# data_version: x\n" + header + "\n" + strings.Replace(good, "false", "", 1), "m5.large: bare_metal is empty"},
		"bad ebs type":    {"# data_version: x\n" + header + "\n" + strings.Replace(good, "shared", "pooled", 1), `m5.large: unknown EBS attachment type "pooled"`},
		"unsorted":        {"# data_version: x\n" + header + "\n" + good + "\n" + strings.Replace(good, "m5.large", "c5.large", 1), `rows are not sorted ("c5.large" after "m5.large")`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(tt.raw)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestParseFindsColumnsByName: the header decides which cell is which, so a
// table with its columns in another order decodes to the same rows.
func TestParseFindsColumnsByName(t *testing.T) {
	names := columnNames()
	good := strings.Split("m5.large\t3\t10\t1\t3\t0\tnitro\tfalse\ttrue\t9\t2\t8192\tamd64\t\t\t\t\t\t750\t27\tshared", "\t")
	slices.Reverse(names)
	slices.Reverse(good)
	tbl, err := Parse("# data_version: x\n" + strings.Join(names, "\t") + "\n" + strings.Join(good, "\t") + "\n")
	if err != nil {
		t.Fatal(err)
	}
	got, err := tbl.Lookup("m5.large")
	if err != nil {
		t.Fatal(err)
	}
	want := Instance{Name: "m5.large", DefaultCardENIs: 3, IPv4PerENI: 10, NetworkCards: 1, TotalENIs: 3,
		Hypervisor: "nitro", TrunkingKnown: true, TrunkingCompatible: true, BranchENIs: 9, VCPUs: 2, MemoryMiB: 8192,
		Arch: "amd64", NetworkBandwidthMbps: 750, EBSMaxAttachments: 27, EBSAttachmentType: "shared"}
	if got != want {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}

func BenchmarkLookup(b *testing.B) {
	tbl := MustDefault()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tbl.Lookup("m5.large"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeTable(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(rawTable); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSuggest(b *testing.B) {
	tbl := MustDefault()
	b.ReportAllocs()
	for b.Loop() {
		tbl.Suggest("m5.larg", 3)
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b        string
		limit, want int
	}{
		{"m5.large", "m5.large", 2, 0},
		{"m5.larg", "m5.large", 2, 1},
		{"m5.lrage", "m5.large", 2, 1}, // a transposition is one edit
		{"max_eni", "max_enis", 2, 1},
		{"kitten", "sitting", 3, 3},
		{"kitten", "sitting", 2, 3}, // over the limit: limit + 1
		{"a", "abcdef", 2, 3},
		{"", "ab", 2, 2},
	}
	for _, tt := range tests {
		if got := EditDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("EditDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

// TestArchitectureNames: EC2's and the table's names map onto each other both ways.
func TestArchitectureNames(t *testing.T) {
	if got := EC2Architectures(); !slices.Equal(got, []string{"x86_64", "arm64"}) {
		t.Errorf("EC2Architectures() = %q", got)
	}
	for _, ec2Name := range EC2Architectures() {
		goarch, ok := ArchitectureFromEC2(ec2Name)
		back, backOK := Instance{Arch: goarch}.EC2Architecture()
		if !ok || !backOK || back != ec2Name {
			t.Errorf("%s -> %q (%v) -> %q (%v)", ec2Name, goarch, ok, back, backOK)
		}
	}
	if goarch, _ := ArchitectureFromEC2("x86_64"); goarch != "amd64" {
		t.Errorf("x86_64 -> %q, want amd64", goarch)
	}
	if _, ok := ArchitectureFromEC2("amd64"); ok {
		t.Error("amd64 is not an EC2 architecture name")
	}
	if _, ok := (Instance{}).EC2Architecture(); ok {
		t.Error("an unknown architecture has no EC2 name")
	}
	// The table's names (kubernetes.io/arch values) pair with EC2's in order,
	// and every row with a known architecture uses one of them.
	if got := Architectures(); !slices.Equal(got, []string{"amd64", "arm64"}) {
		t.Errorf("Architectures() = %q", got)
	}
	for i, ec2Name := range EC2Architectures() {
		if goarch, _ := ArchitectureFromEC2(ec2Name); goarch != Architectures()[i] {
			t.Errorf("%s -> %q, Architectures()[%d] = %q", ec2Name, goarch, i, Architectures()[i])
		}
	}
	for _, in := range MustDefault().All() {
		if in.Arch != "" && !slices.Contains(Architectures(), in.Arch) {
			t.Errorf("%s: arch %q is not one of %q", in.Name, in.Arch, Architectures())
		}
	}
}
