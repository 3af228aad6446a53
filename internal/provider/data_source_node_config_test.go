package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

func expectAt(addr string, p tfjsonpath.Path, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, p, v)
}

func amounts(cpu, mem, eph, pods int64) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"cpu_millicores":        knownvalue.Int64Exact(cpu),
		"memory_mib":            knownvalue.Int64Exact(mem),
		"ephemeral_storage_mib": knownvalue.Int64Exact(eph),
		"pods":                  knownvalue.Int64Exact(pods),
	})
}

func strMap(m map[string]string) knownvalue.Check {
	checks := map[string]knownvalue.Check{}
	for k, v := range m {
		checks[k] = knownvalue.StringExact(v)
	}
	return knownvalue.MapExact(checks)
}

var defaultEviction = map[string]string{"memory.available": "100Mi", "nodefs.available": "10%", "nodefs.inodesFree": "5%"}

// TestAccNodeConfigWorkedValues checks the worked values and every
// AMI family's rendering through the real Terraform CLI.
func TestAccNodeConfigWorkedValues(t *testing.T) {
	t.Parallel()
	const (
		a1   = "data.ekssize_node_config.a1"
		m5   = "data.ekssize_node_config.m5"
		al2  = "data.ekssize_node_config.al2"
		br   = "data.ekssize_node_config.br"
		ebs  = "data.ekssize_node_config.m7i"
		t2   = "data.ekssize_node_config.t2"
		c5d  = "data.ekssize_node_config.c5d"
		kr29 = "cpu=70m,memory=574Mi,ephemeral-storage=1Gi"
	)
	config := `
data "ekssize_node_config" "a1" {
  instance_type = "a1.large"
  cluster = {
    name                  = "demo"
    api_server_endpoint   = "https://ABCDEF.gr7.us-west-2.eks.amazonaws.com"
    certificate_authority = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM="
    service_cidr          = "10.100.0.0/16"
  }
}
data "ekssize_node_config" "m5" { instance_type = "m5.large" }
data "ekssize_node_config" "al2" {
  instance_type = "m5.large"
  ami_family    = "al2"
}
data "ekssize_node_config" "br" {
  instance_type = "m5.large"
  ami_family    = "bottlerocket"
  cluster = {
    name                  = "demo"
    api_server_endpoint   = "https://ABCDEF.gr7.us-west-2.eks.amazonaws.com"
    certificate_authority = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM="
    service_cidr          = "172.20.0.0/16"
  }
}
data "ekssize_node_config" "m7i" { instance_type = "m7i.large" }
data "ekssize_node_config" "t2" { instance_type = "t2.micro" }
data "ekssize_node_config" "c5d" { instance_type = "c5d.large" }
`
	nodeadmA1 := `---
apiVersion: node.eks.aws/v1alpha1
kind: NodeConfig
spec:
  cluster:
    name: "demo"
    apiServerEndpoint: "https://ABCDEF.gr7.us-west-2.eks.amazonaws.com"
    certificateAuthority: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM="
    cidr: "10.100.0.0/16"
  kubelet:
    config:
      maxPods: 29
      kubeReserved:
        cpu: "70m"
        memory: "574Mi"
        ephemeral-storage: "1Gi"
`
	brTOML := `[settings.kubernetes]
cluster-name = "demo"
api-server = "https://ABCDEF.gr7.us-west-2.eks.amazonaws.com"
cluster-certificate = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM="
cluster-dns-ip = "172.20.0.10"
max-pods = 29

[settings.kubernetes.kube-reserved]
cpu = "70m"
memory = "574Mi"
ephemeral-storage = "1Gi"
`
	checks := []statecheck.StateCheck{
		expectInt(a1, "max_pods", 29),
		expectAt(a1, tfjsonpath.New("allocatable"), amounts(1930, 3055, 17408, 29)),
		expectAt(a1, tfjsonpath.New("capacity"), amounts(2000, 3729, 20480, 29)),
		expectAt(a1, tfjsonpath.New("kube_reserved"), strMapObject("70m", "574Mi", "1Gi")),
		expectInt(a1, "kube_reserved_cpu_millicores", 70),
		expectInt(a1, "kube_reserved_memory_mib", 574),
		expectAt(a1, tfjsonpath.New("eviction_hard"), strMap(defaultEviction)),
		expectString(a1, "nodeadm_config", nodeadmA1),
		expectAt(a1, tfjsonpath.New("al2_bootstrap_extra_args"), knownvalue.Null()),
		expectAt(a1, tfjsonpath.New("bottlerocket_settings"), knownvalue.Null()),
		expectString(a1, "kubelet_extra_args", "--max-pods=29 --kube-reserved="+kr29),

		expectAt(m5, tfjsonpath.New("allocatable"), amounts(1930, 6903, 17408, 29)),
		expectInt(m5, "ebs_volume_limit", 26),
		expectInt(m5, "karpenter_reserved_enis", 0),
		expectAt(m5, tfjsonpath.New("karpenter_kubelet"), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"maxPods":        knownvalue.Int64Exact(29),
			"kubeReserved":   strMap(map[string]string{"cpu": "70m", "memory": "574Mi", "ephemeral-storage": "1Gi"}),
			"evictionHard":   strMap(defaultEviction),
			"systemReserved": knownvalue.Null(),
		})),
		expectString(m5, "data_version", ec2data.DataVersion()),

		expectString(al2, "al2_bootstrap_extra_args", "--use-max-pods false --kubelet-extra-args '--max-pods=29 --kube-reserved="+kr29+"'"),
		expectAt(al2, tfjsonpath.New("nodeadm_config"), knownvalue.Null()),
		expectAt(al2, tfjsonpath.New("allocatable"), amounts(1930, 6903, 17408, 29)),

		expectString(br, "bottlerocket_settings", "max-pods = 29\nkube-reserved.cpu = \"70m\"\nkube-reserved.memory = \"574Mi\"\nkube-reserved.ephemeral-storage = \"1Gi\"\n"),
		expectString(br, "bottlerocket_settings_toml", brTOML),
		expectAt(br, tfjsonpath.New("nodeadm_config"), knownvalue.Null()),
		expectAt(br, tfjsonpath.New("allocatable"), amounts(1930, 6903, 17408, 29)),

		expectInt(ebs, "ebs_volume_limit", 31),
		expectInt(t2, "ebs_volume_limit", 38),
		expectInt(c5d, "ebs_volume_limit", 25),
	}
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
	})
}

func strMapObject(cpu, mem, eph string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"cpu":               knownvalue.StringExact(cpu),
		"memory":            knownvalue.StringExact(mem),
		"ephemeral_storage": knownvalue.StringExact(eph),
	})
}

// TestAccNodeConfigOverrides sets every input: the values the user wrote are
// echoed, the rest computed, and the renderings carry canonical quantities.
func TestAccNodeConfigOverrides(t *testing.T) {
	t.Parallel()
	const addr = "data.ekssize_node_config.x"
	merged := map[string]string{"memory.available": "5%", "nodefs.available": "10%", "nodefs.inodesFree": "5%", "pid.available": "1k"}
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_node_config" "x" {
  instance_type               = "m5.large"
  prefix_delegation           = true
  custom_networking           = true
  kube_reserved_basis         = "max_pods"
  kube_reserved               = { cpu = "0.1" }
  system_reserved             = { memory = "200Mi" }
  eviction_hard               = { "memory.available" = "5%", "pid.available" = "1k" }
  root_volume_size            = 50
  vm_memory_overhead_percent  = 0.05
  extra_ebs_volumes           = 1
  attached_network_interfaces = 3
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expectInt(addr, "max_pods", 110),
				// cpu echoes "0.1"; memory is 11 x 110 + 255.
				expectAt(addr, tfjsonpath.New("kube_reserved"), strMapObject("0.1", "1465Mi", "1Gi")),
				expectInt(addr, "kube_reserved_cpu_millicores", 100),
				expectAt(addr, tfjsonpath.New("eviction_hard"), strMap(merged)),
				// 8192 - ceil(409.6) = 7782; 5% of it rounds up to 389.1 MiB.
				expectAt(addr, tfjsonpath.New("capacity"), amounts(2000, 7782, 51200, 110)),
				expectAt(addr, tfjsonpath.New("allocatable"), amounts(1900, 7782-1465-200-390, 51200-5120-1024, 110)),
				expectInt(addr, "ebs_volume_limit", 27-1-1-2),
				expectInt(addr, "karpenter_reserved_enis", 1),
				expectString(addr, "kubelet_extra_args", "--max-pods=110 --kube-reserved=cpu=100m,memory=1465Mi,ephemeral-storage=1Gi "+
					"--system-reserved=memory=200Mi --eviction-hard=memory.available<5%,nodefs.available<10%,nodefs.inodesFree<5%,pid.available<1k"),
				expectAt(addr, tfjsonpath.New("karpenter_kubelet").AtMapKey("systemReserved"), strMap(map[string]string{"memory": "200Mi"})),
				expectAt(addr, tfjsonpath.New("karpenter_kubelet").AtMapKey("evictionHard"), strMap(merged)),
				expectAt(addr, tfjsonpath.New("nodeadm_config"), knownvalue.StringRegexp(regexp.MustCompile(
					`(?s)maxPods: 110\n      kubeReserved:\n        cpu: "100m"\n.*systemReserved:\n        memory: "200Mi"\n      evictionHard:\n        memory.available: "5%"`))),
			},
		}},
	})
}

// TestAccNodeConfigExplicitMaxPods checks a user-set max_pods is echoed and
// drives kube-reserved memory, and that the "eni" basis mirrors the AMIs.
func TestAccNodeConfigExplicitMaxPods(t *testing.T) {
	t.Parallel()
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_node_config" "mp" {
  instance_type       = "m5.large"
  max_pods            = 20
  kube_reserved_basis = "max_pods"
}
# nodeadm (the al2023 default) reserves for its own ENI max pods whatever max_pods says.
data "ekssize_node_config" "mp_nodeadm" {
  instance_type = "m5.large"
  max_pods      = 20
}
data "ekssize_node_config" "m5_4xlarge" {
  instance_type = "m5.4xlarge"
}
data "ekssize_node_config" "m5_4xlarge_bottlerocket" {
  instance_type = "m5.4xlarge"
  ami_family    = "bottlerocket"
}
data "ekssize_node_config" "eni" {
  instance_type       = "m5.large"
  prefix_delegation   = true
  kube_reserved_basis = "eni"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expectInt("data.ekssize_node_config.mp", "max_pods", 20),
				expectInt("data.ekssize_node_config.mp", "kube_reserved_memory_mib", 11*20+255),
				expectInt("data.ekssize_node_config.mp_nodeadm", "kube_reserved_memory_mib", 11*29+255),
				// Issue 14 item 6: m5.4xlarge runs 110 pods; nodeadm reserves 11 x 234 + 255, Bottlerocket 11 x 110 + 255.
				expectInt("data.ekssize_node_config.m5_4xlarge", "max_pods", 110),
				expectInt("data.ekssize_node_config.m5_4xlarge", "kube_reserved_memory_mib", 2829),
				expectAt("data.ekssize_node_config.m5_4xlarge", tfjsonpath.New("nodeadm_config"), knownvalue.StringRegexp(regexp.MustCompile(`memory: "2829Mi"`))),
				expectInt("data.ekssize_node_config.m5_4xlarge_bottlerocket", "kube_reserved_memory_mib", 1465),
				expectInt("data.ekssize_node_config.eni", "max_pods", 110),
				expectInt("data.ekssize_node_config.eni", "kube_reserved_memory_mib", 574),
				expectAt("data.ekssize_node_config.eni", tfjsonpath.New("allocatable"), amounts(1930, 6903, 17408, 110)),
			},
		}},
	})
}

// TestAccNodeConfigUnknownAtPlan defers the read when an input is unknown.
func TestAccNodeConfigUnknownAtPlan(t *testing.T) {
	t.Parallel()
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "cluster" { input = "demo" }
data "ekssize_node_config" "x" {
  instance_type = "m5.large"
  cluster = {
    name                  = terraform_data.cluster.output
    api_server_endpoint   = "https://example.com"
    certificate_authority = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM="
    service_cidr          = "10.100.0.0/16"
  }
}
output "nodeadm" {
  value     = data.ekssize_node_config.x.nodeadm_config
  sensitive = true
}
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("nodeadm")},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("nodeadm", knownvalue.StringRegexp(regexp.MustCompile(`name: "demo"`))),
			},
		}},
	})
}

func TestAccNodeConfigErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, body, want string
	}{
		{"unknown ami family", `ami_family = "ubuntu"`,
			`(?s)ami_family =\s+"ubuntu".*ami_family\s+is\s+"ubuntu";\s+it\s+must\s+be\s+one\s+of\s+"al2023",\s+"al2"\s+or\s+"bottlerocket"`},
		{"bottlerocket windows", "ami_family = \"bottlerocket\"\n os = \"windows\"",
			`(?s)os =\s+"windows".*os =\s+"windows"\s+cannot\s+be\s+used\s+with\s+ami_family =\s+"bottlerocket":\s+Bottlerocket\s+is\s+a\s+Linux\s+AMI`},
		{"malformed kube cpu", `kube_reserved = { cpu = "lots" }`,
			`(?s)kube_reserved.cpu\s+is\s+"lots",\s+which\s+is\s+not\s+a\s+Kubernetes\s+CPU\s+quantity;\s+use\s+millicores\s+such\s+as\s+"70m",\s+or\s+cores\s+such\s+as\s+"0.5"\s+or\s+"1"`},
		{"malformed kube memory", `kube_reserved = { memory = "574MB" }`,
			`(?s)kube_reserved.memory\s+is\s+"574MB":\s+Kubernetes\s+writes\s+units\s+without\s+"B"`},
		{"milli memory", `system_reserved = { memory = "100m" }`,
			`(?s)system_reserved.memory\s+is\s+"100m":\s+the\s+suffix\s+"m"\s+means\s+thousandths\s+\(milli\),\s+not\s+mega`},
		{"negative kube ephemeral", `kube_reserved = { ephemeral_storage = "-1Gi" }`,
			`kube_reserved.ephemeral_storage\s+is\s+"-1Gi";\s+it\s+must\s+not\s+be\s+negative`},
		{"negative system cpu", `system_reserved = { cpu = "-100m" }`,
			`system_reserved.cpu\s+is\s+"-100m";\s+it\s+must\s+not\s+be\s+negative`},
		{"unknown eviction signal", `eviction_hard = { "memory.free" = "1Gi" }`,
			`(?s)eviction_hard\s+has\s+the\s+signal\s+"memory.free",\s+which\s+is\s+not\s+one\s+kubelet\s+and\s+Karpenter\s+both\s+accept`},
		{"bad eviction percentage", `eviction_hard = { "nodefs.available" = "110%" }`,
			`(?s)eviction_hard\[nodefs.available\]\s+is\s+"110%";\s+a\s+percentage\s+threshold\s+is\s+a\s+number\s+from\s+0\s+to\s+100`},
		{"bad basis", `kube_reserved_basis = "pods"`, `kube_reserved_basis\s+is\s+"pods";\s+it\s+must\s+be\s+one\s+of\s+"max_pods"\s+or\s+"eni"`},
		{"zero max pods", `max_pods = 0`, `max_pods\s+is\s+0;\s+it\s+must\s+be\s+at\s+least\s+1`},
		{"zero root volume", `root_volume_size = 0`, `root_volume_size\s+is\s+0;\s+it\s+must\s+be\s+between\s+1\s+and\s+65536\s+GiB`},
		{"overhead as percent", `vm_memory_overhead_percent = 7.5`, `(?s)vm_memory_overhead_percent\s+is\s+7.5;\s+it\s+is\s+a\s+fraction`},
		{"negative extra volumes", `extra_ebs_volumes = -1`, `extra_ebs_volumes\s+is\s+-1;\s+it\s+must\s+be\s+0\s+or\s+more`},
		{"too many ENIs", `attached_network_interfaces = 9`, `attached_network_interfaces\s+is\s+9,\s+but\s+m5.large\s+takes\s+at\s+most\s+3\s+ENIs`},
		{"bad service cidr", "cluster = {\n name = \"a\"\n api_server_endpoint = \"https://x\"\n certificate_authority = \"LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=\"\n service_cidr = \"10.100.0.0\"\n }",
			`(?s)Invalid\s+cluster.*cluster.service_cidr\s+is\s+"10.100.0.0",\s+which\s+is\s+not\s+a\s+CIDR\s+block`},
		{"missing cluster name", "cluster = {\n api_server_endpoint = \"https://x\"\n certificate_authority = \"LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=\"\n service_cidr = \"10.100.0.0/16\"\n }",
			`attribute\s+"name"\s+is\s+required`},
	}
	steps := make([]resource.TestStep, len(cases))
	for i, c := range cases {
		steps[i] = resource.TestStep{
			Config:      fmt.Sprintf("data \"ekssize_node_config\" \"x\" {\n instance_type = \"m5.large\"\n %s\n}\n", c.body),
			ExpectError: regexp.MustCompile(c.want),
		}
	}
	steps = append(steps, resource.TestStep{
		Config:      "data \"ekssize_node_config\" \"x\" {\n instance = { network_interfaces = 3, ipv4_addresses_per_interface = 10, vcpus = 2 }\n}\n",
		ExpectError: regexp.MustCompile(`(?s)node resources need the memory size; give instance.memory_size`),
	})
	acceptanceTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviderFactories, Steps: steps})
}

// TestNodeConfigErrorPaths checks core errors land on the attribute that
// caused them, map keys included.
func TestNodeConfigErrorPaths(t *testing.T) {
	in, _ := ec2data.Lookup("m5.large")
	for field, want := range map[string]path.Path{
		sizing.EvictionPath("nodefs.available"): path.Root("eviction_hard").AtMapKey("nodefs.available"),
		"kube_reserved.ephemeral_storage":       path.Root("kube_reserved").AtName("ephemeral_storage"),
		sizing.FieldClusterServiceCIDR:          path.Root("cluster").AtName("service_cidr"),
	} {
		if got := fieldPath(field); !got.Equal(want) {
			t.Errorf("fieldPath(%q) = %s, want %s", field, got, want)
		}
	}
	_, _, err := sizing.NodeResources(sizing.NodeResourcesInput{Instance: in, EvictionHard: map[string]string{"nodefs.available": "x"}})
	var diags diag.Diagnostics
	addCoreError(&diags, "Cannot compute the node configuration", err)
	d, _ := diags[0].(diag.DiagnosticWithPath)
	if d == nil || !d.Path().Equal(path.Root("eviction_hard").AtMapKey("nodefs.available")) {
		t.Errorf("diagnostic = %#v", diags)
	}

	// Warnings reach their attribute too.
	_, warns, err := sizing.NodeResources(sizing.NodeResourcesInput{Instance: in, MaxPods: func() *int { v := 200; return &v }()})
	if err != nil {
		t.Fatal(err)
	}
	diags = nil
	addCoreWarnings(&diags, warns)
	w, _ := diags[0].(diag.DiagnosticWithPath)
	if w == nil || !w.Path().Equal(path.Root("max_pods")) || !strings.Contains(w.Detail(), "max_pods is 200") {
		t.Errorf("warning = %#v", diags)
	}
}

// TestAccNodeConfigCustomInstance describes a1.large through the instance
// object: the results must equal the table row's worked values.
func TestAccNodeConfigCustomInstance(t *testing.T) {
	t.Parallel()
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_node_config" "x" {
  instance = {
    network_interfaces           = 3
    ipv4_addresses_per_interface = 10
    vcpus                        = 2
    memory_size                  = 4096
    architecture                 = "arm64"
  }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ekssize_node_config.x", tfjsonpath.New("allocatable").AtMapKey("cpu_millicores"), knownvalue.Int64Exact(1930)),
				statecheck.ExpectKnownValue("data.ekssize_node_config.x", tfjsonpath.New("allocatable").AtMapKey("memory_mib"), knownvalue.Int64Exact(3055)),
				statecheck.ExpectKnownValue("data.ekssize_node_config.x", tfjsonpath.New("allocatable").AtMapKey("pods"), knownvalue.Int64Exact(29)),
			},
		}},
	})
}

// TestAccNodeConfigEvictionHundredPercentCanonical (issue 14 item 2): kubelet
// disables a threshold only for the exact text "100%" (or "0%"); "100.00%"
// would be a real 100% threshold that evicts every pod. Every rendering
// writes the canonical text.
func TestAccNodeConfigEvictionHundredPercentCanonical(t *testing.T) {
	t.Parallel()
	merged := map[string]string{"memory.available": "100%", "nodefs.available": "0%", "nodefs.inodesFree": "5%"}
	block := func(name, family string) string {
		return fmt.Sprintf(`data "ekssize_node_config" %q {
  instance_type = "m5.large"
  ami_family    = %q
  eviction_hard = { "memory.available" = "100.00%%", "nodefs.available" = "0.0%%" }
}
`, name, family)
	}
	const al2023, al2, br = "data.ekssize_node_config.al2023", "data.ekssize_node_config.al2", "data.ekssize_node_config.bottlerocket"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: block("al2023", "al2023") + block("al2", "al2") + block("bottlerocket", "bottlerocket"),
			ConfigStateChecks: []statecheck.StateCheck{
				expectAt(al2023, tfjsonpath.New("eviction_hard"), strMap(merged)),
				expectAt(al2023, tfjsonpath.New("karpenter_kubelet").AtMapKey("evictionHard"), strMap(merged)),
				expectAt(al2023, tfjsonpath.New("nodeadm_config"), knownvalue.StringRegexp(regexp.MustCompile(
					`(?s)      evictionHard:\n        memory.available: "100%"\n        nodefs.available: "0%"\n        nodefs.inodesFree: "5%"\n`))),
				expectString(al2023, "kubelet_extra_args", "--max-pods=29 --kube-reserved=cpu=70m,memory=574Mi,ephemeral-storage=1Gi "+
					"--eviction-hard=memory.available<100%,nodefs.available<0%,nodefs.inodesFree<5%"),
				expectString(al2, "al2_bootstrap_extra_args", "--use-max-pods false --kubelet-extra-args '--max-pods=29 "+
					"--kube-reserved=cpu=70m,memory=574Mi,ephemeral-storage=1Gi --eviction-hard=memory.available<100%%,nodefs.available<0%%,nodefs.inodesFree<5%%'"),
				expectAt(br, tfjsonpath.New("bottlerocket_settings"), knownvalue.StringRegexp(regexp.MustCompile(
					`eviction-hard\."memory\.available" = "100%"\neviction-hard\."nodefs\.available" = "0%"\n`))),
				// The disabled memory threshold is not subtracted: 8192 - 615 (7.5%) = 7577; - 574 kube-reserved = 7003.
				expectAt(al2023, tfjsonpath.New("allocatable").AtMapKey("memory_mib"), knownvalue.Int64Exact(7003)),
			},
		}},
	})
}

// TestAccNodeConfigCASensitive (issue 14 item 14): the renderings that can
// carry the cluster's CA are sensitive, whether or not the CA given is:
// Terraform drops a sensitive input's mark on data source results, so only
// the schema can keep it. An output of nodeadm_config without
// sensitive = true is Terraform's error; with it, the value is in the state.
func TestAccNodeConfigCASensitive(t *testing.T) {
	t.Parallel()
	var sr datasource.SchemaResponse
	NewNodeConfigDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &sr)
	for _, name := range []string{"nodeadm_config", "bottlerocket_settings_toml"} {
		if !sr.Schema.Attributes[name].IsSensitive() {
			t.Errorf("%s is not sensitive", name)
		}
	}
	ca := unshaped(sr.Schema.Attributes["cluster"]).(schema.SingleNestedAttribute).Attributes["certificate_authority"]
	if !ca.IsSensitive() {
		t.Error("cluster.certificate_authority is not sensitive")
	}
	// cluster is a checked object (a dynamic attribute), which cannot mark a
	// part of its value sensitive: the whole argument is.
	for name, a := range sr.Schema.Attributes {
		if a.IsSensitive() != (name == "nodeadm_config" || name == "bottlerocket_settings_toml" || name == "cluster") {
			t.Errorf("%s: sensitive %v", name, a.IsSensitive())
		}
	}
	config := func(ami, attr, extra string) string {
		return fmt.Sprintf(`
variable "ca" {
  type      = string
  sensitive = true
  default   = %q
}
data "ekssize_node_config" "x" {
  instance_type = "m5.large"
  ami_family    = %q
  cluster = {
    name                  = "demo"
    api_server_endpoint   = "https://ABCD.gr7.us-west-2.eks.amazonaws.com"
    certificate_authority = var.ca
    service_cidr          = "10.100.0.0/16"
  }
}
output "doc" {
  value = data.ekssize_node_config.x.%s
  %s
}
`, testCA, ami, attr, extra)
	}
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: config("al2023", "nodeadm_config", ""), ExpectError: regexp.MustCompile(`Output refers to sensitive values`)},
			{Config: config("bottlerocket", "bottlerocket_settings_toml", ""), ExpectError: regexp.MustCompile(`Output refers to sensitive values`)},
			{
				Config: config("al2023", "nodeadm_config", "sensitive = true"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("doc", knownvalue.StringRegexp(regexp.MustCompile(`certificateAuthority: "`+testCA+`"`))),
					statecheck.ExpectSensitiveValue("data.ekssize_node_config.x", tfjsonpath.New("nodeadm_config")),
				},
			},
		},
	})
}

// The batch form: each type exactly as the single form computes it.
func TestAccNodeConfigBatch(t *testing.T) {
	t.Parallel()
	entry := func(key string, maxPods, krCPU, krMem, allocCPU, allocMem int64) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.ekssize_node_config.batch", tfjsonpath.New("by_instance_type").AtMapKey(key),
			knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"max_pods": knownvalue.Int64Exact(maxPods), "kube_reserved_cpu_millicores": knownvalue.Int64Exact(krCPU),
				"kube_reserved_memory_mib": knownvalue.Int64Exact(krMem), "allocatable_cpu_millicores": knownvalue.Int64Exact(allocCPU),
				"allocatable_memory_mib": knownvalue.Int64Exact(allocMem),
			}))
	}
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_node_config" "batch" {
  instance_types = ["m5.large", "a1.large"]
}
data "ekssize_node_config" "single" {
  instance_type = "m5.large"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// The single form's worked values (m5.large and a1.large: 1930m / 6903Mi and 3055Mi allocatable, 29 pods).
				entry("m5.large", 29, 70, 574, 1930, 6903),
				entry("a1.large", 29, 70, 574, 1930, 3055),
				statecheck.ExpectKnownValue("data.ekssize_node_config.batch", tfjsonpath.New("nodeadm_config"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.ekssize_node_config.batch", tfjsonpath.New("kube_reserved_memory_mib"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.ekssize_node_config.single", tfjsonpath.New("by_instance_type"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.ekssize_node_config.single", tfjsonpath.New("allocatable").AtMapKey("memory_mib"), knownvalue.Int64Exact(6903)),
			},
		}},
	})
}
