package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

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

func expectInt(addr, attr string, v int64) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), knownvalue.Int64Exact(v))
}

func expectString(addr, attr, v string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), knownvalue.StringExact(v))
}

// TestAccMaxPodsWorkedValues checks every worked value of the foundation issue
// through the real Terraform CLI.
func TestAccMaxPodsWorkedValues(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, args     string
		maxPods, uncap int64
	}{
		{"m5_large", `instance_type = "m5.large"`, 29, 29},
		{"t3a_medium", `instance_type = "t3a.medium"`, 17, 17},
		{"t3a_medium_pd", `instance_type = "t3a.medium"` + "\n prefix_delegation = true", 110, 242},
		{"m5_large_cn", `instance_type = "m5.large"` + "\n custom_networking = true", 20, 20},
		{"m5_4xlarge_eks", `instance_type = "m5.4xlarge"`, 110, 234},
		{"m5_4xlarge_none", `instance_type = "m5.4xlarge"` + "\n cap_policy = \"none\"", 234, 234},
		{"m5_8xlarge_pd", `instance_type = "m5.8xlarge"` + "\n prefix_delegation = true", 250, 3714},
		{"p5_48xlarge", `instance_type = "p5.48xlarge"`, 100, 100},
		{"m5_large_windows", `instance_type = "m5.large"` + "\n os = \"windows\"", 9, 9},
		{"m5_large_windows_pd", `instance_type = "m5.large"` + "\n os = \"windows\"\n prefix_delegation = true", 110, 144},
		{"t3_medium_windows_pd", `instance_type = "t3.medium"` + "\n os = \"windows\"\n prefix_delegation = true", 80, 80},
		{"t3_nano_pd", `instance_type = "t3.nano"` + "\n prefix_delegation = true", 34, 34},
		// Issue 14 item 4: vCPUs completed from EC2 DescribeInstanceTypes data, so the default eks cap applies.
		{"trn2_3xlarge", `instance_type = "trn2.3xlarge"`, 30, 30},
		{"mac_m4_metal", `instance_type = "mac-m4.metal"`, 110, 234},
		{"mac_m3ultra_metal", `instance_type = "mac-m3ultra.metal"`, 110, 234},
	}
	var cfg strings.Builder
	var checks []statecheck.StateCheck
	for _, c := range cases {
		fmt.Fprintf(&cfg, "data \"ekssize_max_pods\" %q {\n %s\n}\n", c.name, c.args)
		addr := "data.ekssize_max_pods." + c.name
		checks = append(checks, expectInt(addr, "max_pods", c.maxPods), expectInt(addr, "max_pods_uncapped", c.uncap))
	}
	checks = append(checks,
		expectInt("data.ekssize_max_pods.m5_large", "eni_max_pods", 29),
		expectInt("data.ekssize_max_pods.m5_large", "cap", 110),
		expectInt("data.ekssize_max_pods.m5_large", "network_interfaces", 3),
		statecheck.ExpectKnownValue("data.ekssize_max_pods.m5_large", tfjsonpath.New("prefix_delegation_applied"), knownvalue.Bool(false)),
		expectString("data.ekssize_max_pods.m5_large", "formula", "3 ENIs x (10 - 1) IPs + 2 = 29"),
		expectString("data.ekssize_max_pods.m5_large", "kubelet_extra_args", "--max-pods=29"),
		expectString("data.ekssize_max_pods.m5_large", "bootstrap_extra_args", "--use-max-pods false --kubelet-extra-args '--max-pods=29'"),
		expectString("data.ekssize_max_pods.m5_large", "data_version", "2026-11+vpc-cni-v1.23.2"),
		statecheck.ExpectKnownValue("data.ekssize_max_pods.t3a_medium_pd", tfjsonpath.New("prefix_delegation_applied"), knownvalue.Bool(true)),
		expectString("data.ekssize_max_pods.t3a_medium_pd", "formula", "3 ENIs x (6 - 1) prefixes x 16 IPs + 2 = 242, capped at 110 (eks: 2 vCPUs <= 30)"),
		expectInt("data.ekssize_max_pods.t3a_medium_pd", "eni_max_pods", 17),
		expectInt("data.ekssize_max_pods.m5_large_cn", "network_interfaces", 2),
		statecheck.ExpectKnownValue("data.ekssize_max_pods.m5_4xlarge_none", tfjsonpath.New("cap"), knownvalue.Null()),
		expectInt("data.ekssize_max_pods.m5_8xlarge_pd", "cap", 250),
		expectInt("data.ekssize_max_pods.m5_large_windows", "network_interfaces", 1),
		expectString("data.ekssize_max_pods.mac_m4_metal", "formula", "8 ENIs x (30 - 1) IPs + 2 = 234, capped at 110 (eks: 10 vCPUs <= 30)"),
	)
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps:                    []resource.TestStep{{Config: cfg.String(), ConfigStateChecks: checks}},
	})
}

func TestAccMaxPodsCustomInstance(t *testing.T) {
	t.Parallel()
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_max_pods" "new" {
  instance = {
    network_interfaces           = 4
    ipv4_addresses_per_interface = 15
    vcpus                        = 8
  }
  prefix_delegation = true
}
data "ekssize_max_pods" "novcpu" {
  instance = {
    network_interfaces           = 3
    ipv4_addresses_per_interface = 10
  }
  cap_policy = "none"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expectInt("data.ekssize_max_pods.new", "max_pods", 110),
				expectInt("data.ekssize_max_pods.new", "max_pods_uncapped", 4*14*16+2),
				expectInt("data.ekssize_max_pods.new", "eni_max_pods", 58),
				expectInt("data.ekssize_max_pods.novcpu", "max_pods", 29),
			},
		}},
	})
}

// TestAccMaxPodsUnknownAtPlan feeds the instance type from a resource that does
// not exist yet: the plan must succeed with the read deferred to apply.
func TestAccMaxPodsUnknownAtPlan(t *testing.T) {
	t.Parallel()
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "type" { input = "m5.large" }
data "ekssize_max_pods" "x" {
  instance_type     = terraform_data.type.output
  prefix_delegation = true
}
output "max_pods" { value = data.ekssize_max_pods.x.max_pods }
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("max_pods")},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("max_pods", knownvalue.Int64Exact(110)),
			},
		}},
	})
}

func TestAccMaxPodsErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, body, want string
	}{
		{"unknown type", `instance_type = "m5.lrage"`,
			`(?s)Invalid instance.*with data.ekssize_max_pods.x,.*instance_type = "m5.lrage".*instance type "m5.lrage" is not in.*did you mean m5.large\?`},
		{"both", "instance_type = \"m5.large\"\n instance = { network_interfaces = 3, ipv4_addresses_per_interface = 10 }",
			`(?s)instance_type = "m5.large".*give instance_type or instance, not both`},
		{"neither", `prefix_delegation = true`, `(?s)give instance_type \(a type from the embedded table, such as "m5.large"\) or\s+instance`},
		{"negative reserved", "instance_type = \"m5.large\"\n reserved_enis = -1",
			`(?s)reserved_enis = -1.*reserved_enis is -1; it must be 0 or more`},
		{"zero max_eni", "instance_type = \"m5.large\"\n max_eni = 0", `(?s)max_eni = 0.*max_eni is 0; it must be at least 1`},
		{"negative custom ENIs", "instance = { network_interfaces = -3, ipv4_addresses_per_interface = 10 }",
			`(?s)instance.network_interfaces is -3; it must be between 1 and 1000`},
		{"bad cap policy", "instance_type = \"m5.large\"\n cap_policy = \"max\"",
			`(?s)cap_policy = "max".*cap_policy is "max"; it must be one of "eks", "auto_mode" or\s+"none"`},
		{"bad ip family", "instance_type = \"m5.large\"\n ip_family = \"IPv6\"", `ip_family is "IPv6"; it must be one of "ipv4" or "ipv6"`},
		{"bad cni version", "instance_type = \"m5.large\"\n cni_version = \"latest\"", `cni_version "latest" is not a VPC CNI version`},
		{"windows custom networking", "instance_type = \"m5.large\"\n os = \"windows\"\n custom_networking = true",
			`(?s)custom_networking = true.*custom_networking cannot be used with os = "windows"`},
		{"sgp on t3", "instance_type = \"t3.large\"\n security_groups_for_pods = true", `t3.large is not trunking compatible`},
		{"unknown vcpus", `instance_type = "c7i.32xlarge"`, `(?s)cap_policy "eks" needs the vCPU count, which is unknown for\s+c7i.32xlarge`},
		{"ipv6 with custom networking", "instance_type = \"m5.large\"\n ip_family = \"ipv6\"\n custom_networking = true",
			`custom_networking cannot be used with ip_family = "ipv6"`},
		{"wrong type", `instance_type = ["m5.large"]`, `Inappropriate value for attribute "instance_type": string required`},
	}
	steps := make([]resource.TestStep, len(cases))
	for i, c := range cases {
		steps[i] = resource.TestStep{
			Config:      fmt.Sprintf("data \"ekssize_max_pods\" \"x\" {\n %s\n}\n", c.body),
			ExpectError: regexp.MustCompile(c.want),
		}
	}
	acceptanceTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviderFactories, Steps: steps})
}

// TestMaxPodsWarningsOnAttributes checks that the core's warnings reach
// Terraform as warning diagnostics on the attribute that caused them (the
// testing framework cannot assert warnings through the CLI).
func TestMaxPodsWarningsOnAttributes(t *testing.T) {
	in, _ := ec2data.Lookup("m5.large")
	var diags diag.Diagnostics
	f, ok := maxPodsFieldsOf(in, sizing.Networking{PrefixDelegation: true, CNIVersion: "1.8.0"}, &diags)
	if !ok || f.MaxPods.ValueInt64() != 29 || f.PrefixDelegationApplied.ValueBool() {
		t.Fatalf("PD with CNI 1.8.0: ok %v, max pods %v, applied %v; want the secondary-IP value 29", ok, f.MaxPods, f.PrefixDelegationApplied)
	}
	if diags.HasError() || diags.WarningsCount() != 1 {
		t.Fatalf("diags = %v, want one warning", diags)
	}
	w, _ := diags[0].(diag.DiagnosticWithPath)
	if w == nil || !w.Path().Equal(path.Root("cni_version")) || w.Summary() != "Prefix delegation needs VPC CNI 1.9.0 or later" ||
		!strings.Contains(w.Detail(), `cni_version is "1.8.0"; VPC CNI versions before 1.9.0 ignore ENABLE_PREFIX_DELEGATION`) {
		t.Errorf("warning = %#v", diags[0])
	}

	xen, _ := ec2data.Lookup("m4.large")
	diags = nil
	f, _ = maxPodsFieldsOf(xen, sizing.Networking{PrefixDelegation: true}, &diags)
	w, _ = diags[0].(diag.DiagnosticWithPath)
	if f.MaxPods.ValueInt64() != 20 || w == nil || !w.Path().Equal(path.Root("prefix_delegation")) ||
		!strings.Contains(w.Detail(), "m4.large runs on the xen hypervisor") {
		t.Errorf("xen PD: max %v, diags %v", f.MaxPods, diags)
	}
}

func TestFieldPath(t *testing.T) {
	tests := map[string]path.Path{
		"max_eni":                         path.Root("max_eni"),
		"instance.vcpus":                  path.Root("instance").AtName("vcpus"),
		"subnets[2].cidr_block":           path.Root("subnets").AtListIndex(2).AtName("cidr_block"),
		"subnets[0].reservations[1]":      path.Root("subnets").AtListIndex(0).AtName("reservations").AtListIndex(1),
		"eviction_hard[memory.available]": path.Root("eviction_hard").AtMapKey("memory.available"),
	}
	for in, want := range tests {
		if got := fieldPath(in); !got.Equal(want) {
			t.Errorf("fieldPath(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestAccMaxPodsBatch(t *testing.T) {
	t.Parallel()
	byType := func(typ, attr string) tfjsonpath.Path {
		return tfjsonpath.New("by_instance_type").AtMapKey(typ).AtMapKey(attr)
	}
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
data "ekssize_max_pods" "pool" {
  instance_types    = ["m5.large", "t3a.medium", "m5.8xlarge", "p5.48xlarge", "m5.large"]
  prefix_delegation = true
}
output "smallest" { value = min([for t, r in data.ekssize_max_pods.pool.by_instance_type : r.max_pods]...) }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.ekssize_max_pods.pool", byType("m5.large", "max_pods"), knownvalue.Int64Exact(110)),
					statecheck.ExpectKnownValue("data.ekssize_max_pods.pool", byType("t3a.medium", "max_pods_uncapped"), knownvalue.Int64Exact(242)),
					statecheck.ExpectKnownValue("data.ekssize_max_pods.pool", byType("m5.8xlarge", "max_pods"), knownvalue.Int64Exact(250)),
					statecheck.ExpectKnownValue("data.ekssize_max_pods.pool", byType("m5.8xlarge", "max_pods_uncapped"), knownvalue.Int64Exact(3714)),
					statecheck.ExpectKnownValue("data.ekssize_max_pods.pool", byType("p5.48xlarge", "max_pods"), knownvalue.Int64Exact(250)),
					statecheck.ExpectKnownValue("data.ekssize_max_pods.pool", byType("p5.48xlarge", "eni_max_pods"), knownvalue.Int64Exact(100)),
					statecheck.ExpectKnownValue("data.ekssize_max_pods.pool", byType("m5.large", "kubelet_extra_args"), knownvalue.StringExact("--max-pods=110")),
					statecheck.ExpectKnownValue("data.ekssize_max_pods.pool", tfjsonpath.New("by_instance_type"), knownvalue.MapSizeExact(4)),
					statecheck.ExpectKnownValue("data.ekssize_max_pods.pool", tfjsonpath.New("max_pods"), knownvalue.Null()),
					statecheck.ExpectKnownOutputValue("smallest", knownvalue.Int64Exact(110)),
				},
			},
			{
				Config:      `data "ekssize_max_pods" "x" { instance_types = ["m5.large", "c5.4xlrge"] }`,
				ExpectError: regexp.MustCompile(`(?s)instance type "c5.4xlrge" is not in the embedded.*did you mean c5.4xlarge\?`),
			},
			{
				Config: `data "ekssize_max_pods" "x" {
  instance_type  = "m5.large"
  instance_types = ["m5.large"]
}`,
				ExpectError: regexp.MustCompile(`give only one of instance_type, instance or instance_types`),
			},
			{
				Config:      `data "ekssize_max_pods" "x" { instance_types = [] }`,
				ExpectError: regexp.MustCompile(`instance_types is empty; give at least one instance type`),
			},
			{
				Config: `data "ekssize_max_pods" "x" {
  instance_types           = ["m5.large", "t3.large"]
  security_groups_for_pods = true
}`,
				ExpectError: regexp.MustCompile(`t3.large: security_groups_for_pods: t3.large is not trunking compatible`),
			},
			// A valid configuration last: the test destroys with the last one,
			// and ValidateConfig rejects the one above at destroy too.
			{Config: `data "ekssize_max_pods" "x" { instance_types = ["m5.large"] }`},
		},
	})
}

// TestAccMaxPodsMirror (issue 14 item 7): max-pods-calculator.sh applies
// prefix delegation only to types EC2 reports as "nitro", so bare metal gets
// the secondary-IP value from the script; the VPC CNI assigns prefixes there.
func TestAccMaxPodsMirror(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_max_pods" "vpc_cni" {
  instance_type     = "a1.metal"
  prefix_delegation = true
  max_eni           = 1
}
data "ekssize_max_pods" "script" {
  instance_type     = "a1.metal"
  prefix_delegation = true
  max_eni           = 1
  mirror            = "max_pods_calculator"
}
# c7g.metal is the one bare metal type EC2 reports as nitro: the script applies prefixes too.
data "ekssize_max_pods" "c7g_metal_script" {
  instance_type     = "c7g.metal"
  prefix_delegation = true
  max_eni           = 1
  mirror            = "max_pods_calculator"
}
output "fn_vpc_cni" { value = provider::ekssize::max_pods("a1.metal", { prefix_delegation = true, max_eni = 1 }) }
output "fn_script"  { value = provider::ekssize::max_pods("a1.metal", { prefix_delegation = true, max_eni = 1, mirror = "max_pods_calculator" }) }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expectInt("data.ekssize_max_pods.vpc_cni", "max_pods", 110),
				expectInt("data.ekssize_max_pods.vpc_cni", "max_pods_uncapped", 466),
				expectInt("data.ekssize_max_pods.script", "max_pods", 31),
				expectInt("data.ekssize_max_pods.script", "max_pods_uncapped", 31),
				statecheck.ExpectKnownValue("data.ekssize_max_pods.script", tfjsonpath.New("prefix_delegation_applied"), knownvalue.Bool(false)),
				expectString("data.ekssize_max_pods.script", "formula", "1 ENI (max_eni 1) x (30 - 1) IPs + 2 = 31"),
				expectInt("data.ekssize_max_pods.c7g_metal_script", "max_pods", 250),
				expectOutput("fn_vpc_cni", knownvalue.Int64Exact(110)),
				expectOutput("fn_script", knownvalue.Int64Exact(31)),
			},
		}},
	})
}
