package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func subnetResult(i int, attr string) tfjsonpath.Path {
	return tfjsonpath.New("subnet_results").AtSliceIndex(i).AtMapKey(attr)
}

// TestAccSubnetCapacityWorkedValues checks the worked values through
// the real Terraform CLI.
func TestAccSubnetCapacityWorkedValues(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, body string
		checks     map[string]int64 // subnet_results[0] attribute -> value; "per_node.x" for per-node values
		fits       bool
	}{
		{"defaults", `instance_type = "m5.large"
 pods_per_node = 10
 subnets = [{ cidr_block = "10.0.0.0/24" }]`,
			map[string]int64{"max_nodes": 8, "usable_ips": 251, "prefix_eligible_blocks": 14, "per_node.network_interfaces": 3,
				"per_node.secondary_ips": 27, "per_node.node_subnet_ips": 30}, true},
		{"warm_ip", `instance_type = "m5.large"
 pods_per_node = 10
 warm_ip_target = 5
 minimum_ip_target = 10
 node_count = 12
 reserved = { application_load_balancers = 1, interface_endpoints = 2 }
 subnets = [{ cidr_block = "10.0.0.0/24" }]`,
			map[string]int64{"max_nodes": 14, "required_ips": 248, "headroom_ips": 3, "planned_nodes": 12, "surge_nodes": 2,
				"reserved_ips": 10, "per_node.network_interfaces": 2, "per_node.secondary_ips": 15, "per_node.node_subnet_ips": 17}, true},
		{"warm_ip_cluster_subnet", `instance_type = "m5.large"
 pods_per_node = 10
 warm_ip_target = 5
 minimum_ip_target = 10
 node_count = 12
 reserved = { application_load_balancers = 1, interface_endpoints = 2 }
 subnets = [{ cidr_block = "10.0.0.0/24", cluster_subnet = true }]`,
			map[string]int64{"required_ips": 254, "keep_free_ips": 5, "shortfall_ips": 8}, false},
		{"defaults_short", `instance_type = "m5.large"
 pods_per_node = 10
 node_count = 12
 reserved = { application_load_balancers = 1, interface_endpoints = 2 }
 subnets = [{ cidr_block = "10.0.0.0/24" }]`,
			map[string]int64{"required_ips": 430, "shortfall_ips": 179}, false},
		{"pd_scattered", `instance_type = "m5.large"
 prefix_delegation = true
 max_pods = 110
 pods_per_node = 10
 subnets = [{ cidr_block = "10.0.0.0/24" }]`,
			map[string]int64{"max_nodes": 4, "per_node.prefixes": 2, "per_node.network_interfaces": 1, "per_node.node_subnet_ips": 33}, true},
		// Windows: the VPC resource controller's pool on the primary ENI. Default pods =
		// max pods 9; min(9, max(9 + 3, 3)) = 9 secondary IPs + the primary: floor(251/10).
		{"windows", `instance_type = "m5.large"
 os = "windows"
 subnets = [{ cidr_block = "10.0.0.0/24" }]`,
			map[string]int64{"max_nodes": 25, "per_node.network_interfaces": 1, "per_node.secondary_ips": 9, "per_node.node_subnet_ips": 10}, true},
		// Windows prefixes, 110 pods (max pods): 7 prefixes + the primary, 3 nodes + 2 surge
		// take 35 /28 blocks of the /22's 62.
		{"windows_pd", `instance_type = "m5.large"
 os = "windows"
 prefix_delegation = true
 node_count = 3
 subnets = [{ cidr_block = "10.0.0.0/22" }]`,
			map[string]int64{"max_nodes": 7, "required_ips": 565, "per_node.prefixes": 7, "per_node.node_subnet_ips": 113}, true},
		// The Windows guide's example (examples/guides/windows-nodes): 40 pods, warm 5,
		// minimum 20: max(ceil(45/16), ceil(20/16)) = 3 prefixes + the primary; 6 nodes take
		// 18 blocks and spoil 6 of the /23's 30.
		{"windows_guide", `instance_type = "m5.large"
 os = "windows"
 prefix_delegation = true
 warm_ip_target = 5
 minimum_ip_target = 20
 pods_per_node = 40
 node_count = 4
 subnets = [{ name = "eu-west-1a", cidr_block = "10.0.8.0/23" }]`,
			map[string]int64{"max_nodes": 7, "required_ips": 294, "headroom_ips": 96, "prefix_eligible_blocks": 30, "per_node.prefixes": 3,
				"per_node.node_subnet_ips": 49}, true},
		{"pd_packed", `instance_type = "m5.large"
 prefix_delegation = true
 max_pods = 110
 pods_per_node = 10
 prefix_layout = "packed"
 subnets = [{ cidr_block = "10.0.0.0/24" }]`, map[string]int64{"max_nodes": 7}, true},
		{"c5_pd", `instance_type = "c5.4xlarge"
 prefix_delegation = true
 max_pods = 110
 pods_per_node = 100
 subnets = [{ cidr_block = "10.0.0.0/20" }]`,
			map[string]int64{"max_nodes": 31, "prefix_eligible_blocks": 254, "per_node.prefixes": 7, "per_node.node_subnet_ips": 113}, true},
		{"c5_pd_packed", `instance_type = "c5.4xlarge"
 prefix_delegation = true
 max_pods = 110
 pods_per_node = 100
 prefix_layout = "packed"
 subnets = [{ cidr_block = "10.0.0.0/20" }]`, map[string]int64{"max_nodes": 36}, true},
		{"c5_secondary", `instance_type = "c5.4xlarge"
 max_pods = 234
 pods_per_node = 100
 subnets = [{ cidr_block = "10.0.0.0/20" }]`,
			map[string]int64{"max_nodes": 27, "per_node.network_interfaces": 5, "per_node.node_subnet_ips": 150}, true},
		{"sgp", `instance_type = "m5.large"
 security_groups_for_pods = true
 pods_per_node = 8
 branch_pods_per_node = 5
 subnets = [{ cidr_block = "10.0.0.0/24" }]`, map[string]int64{"max_nodes": 9, "per_node.node_subnet_ips": 26}, true},
		{"t3_small", `instance_type = "t3.small"
 pods_per_node = 5
 subnets = [{ cidr_block = "10.0.0.0/24" }]`, map[string]int64{"per_node.node_subnet_ips": 12}, true},
		{"t3_small_pd", `instance_type = "t3.small"
 prefix_delegation = true
 max_pods = 110
 pods_per_node = 58
 subnets = [{ cidr_block = "10.0.0.0/24" }]`, map[string]int64{"per_node.node_subnet_ips": 82}, true},
		{"warm_eni_0_8", `instance_type = "m5.large"
 warm_eni_target = 0
 pods_per_node = 8
 subnets = [{ cidr_block = "10.0.0.0/24" }]`, map[string]int64{"per_node.node_subnet_ips": 10}, true},
		{"warm_eni_0_9", `instance_type = "m5.large"
 warm_eni_target = 0
 pods_per_node = 9
 subnets = [{ cidr_block = "10.0.0.0/24" }]`, map[string]int64{"per_node.node_subnet_ips": 20}, true},
		{"min_ip_alone", `instance_type = "m5.large"
 minimum_ip_target = 12
 pods_per_node = 0
 subnets = [{ cidr_block = "10.0.0.0/24" }]`, map[string]int64{"per_node.node_subnet_ips": 14}, true},
		{"ipv6", `instance_type = "m5.large"
 ip_family = "ipv6"
 pods_per_node = 50
 subnets = [{ cidr_block = "10.0.0.0/24" }]`, map[string]int64{"per_node.node_subnet_ips": 1, "max_nodes": 251}, true},
		{"inverse", `instance_type = "m5.large"
 pods_per_node = 10
 node_count = 50
 surge_nodes_per_subnet = 2
 reserved = { application_load_balancers = 1 }
 subnets = [{ cidr_block = "10.0.0.0/24" }]`, map[string]int64{"required_ips": 1568, "smallest_fitting_prefix_length": 21}, false},
		{"usable_16", `instance_type = "m5.large"
 subnets = [{ cidr_block = "10.1.0.0/16" }]`, map[string]int64{"usable_ips": 65531, "total_ips": 65536}, true},
		// Issue 14 item 1: 151 used addresses spoil all 14 eligible blocks (not 154); the 3 nodes (1 + 2 surge)
		// lack their 21 blocks: 336 IPs short, under the 339 they need (it said 2576).
		{"pd_mostly_used", `instance_type = "m5.large"
 prefix_delegation = true
 node_count = 1
 subnets = [{ cidr_block = "10.0.0.0/24", available_ip_address_count = 100 }]`,
			map[string]int64{"required_ips": 339, "headroom_ips": -336, "shortfall_ips": 336, "shortfall_blocks": 21,
				"prefix_eligible_blocks": 14, "max_nodes": 0}, false},
		// Issue 14 item 17: one node is "1 node", one block "1 /28 block".
		{"one_node", `instance_type = "m5.large"
 prefix_delegation = true
 max_pods = 16
 pods_per_node = 14
 node_count = 1
 surge_nodes_per_subnet = 0
 subnets = [{ cidr_block = "10.0.0.0/27", available_ip_address_count = 26 }]`,
			map[string]int64{"required_ips": 17, "shortfall_blocks": 1, "shortfall_ips": 16, "prefix_eligible_blocks": 0}, false},
		// Issue 14 item 3: prefixes come only from the reservation's 4 blocks.
		{"pd_reservation", `instance_type = "m5.large"
 prefix_delegation = true
 max_pods = 110
 pods_per_node = 10
 node_count = 3
 surge_nodes_per_subnet = 0
 subnets = [{ cidr_block = "10.0.1.0/24", prefix_reservations = ["10.0.1.128/26"] }]`,
			map[string]int64{"prefix_eligible_blocks": 4, "shortfall_blocks": 2, "shortfall_ips": 32, "max_nodes": 2}, false},
	}
	var cfg strings.Builder
	var checks []statecheck.StateCheck
	for _, c := range cases {
		fmt.Fprintf(&cfg, "data \"ekssize_subnet_capacity\" %q {\n %s\n}\n", c.name, c.body)
		addr := "data.ekssize_subnet_capacity." + c.name
		for attr, v := range c.checks {
			p := subnetResult(0, attr)
			if node, ok := strings.CutPrefix(attr, "per_node."); ok {
				p = tfjsonpath.New("per_node").AtMapKey(node)
			}
			checks = append(checks, expectAt(addr, p, knownvalue.Int64Exact(v)))
		}
		checks = append(checks, expectAt(addr, tfjsonpath.New("fits"), knownvalue.Bool(c.fits)),
			expectAt(addr, subnetResult(0, "fits"), knownvalue.Bool(c.fits)))
	}
	checks = append(checks,
		expectInt("data.ekssize_subnet_capacity.defaults", "max_pods", 29),
		expectInt("data.ekssize_subnet_capacity.defaults", "max_nodes", 8),
		expectInt("data.ekssize_subnet_capacity.defaults", "max_pods_total", 80),
		expectAt("data.ekssize_subnet_capacity.defaults", tfjsonpath.New("per_node").AtMapKey("formula"),
			knownvalue.StringExact("ENIs = ceil(10/9) + 1 = 3; node IPs = 3 x 10 = 30")),
		expectAt("data.ekssize_subnet_capacity.defaults", tfjsonpath.New("warnings"), knownvalue.ListExact([]knownvalue.Check{})),
		expectAt("data.ekssize_subnet_capacity.defaults", tfjsonpath.New("pod_subnet_results"), knownvalue.Null()),
		expectAt("data.ekssize_subnet_capacity.defaults", subnetResult(0, "name"), knownvalue.Null()),
		expectInt("data.ekssize_subnet_capacity.usable_16", "pods_per_node", 27),
		// Windows runs no host-network system pods: pods_per_node defaults to max pods.
		expectInt("data.ekssize_subnet_capacity.windows", "max_pods", 9),
		expectInt("data.ekssize_subnet_capacity.windows", "pods_per_node", 9),
		expectInt("data.ekssize_subnet_capacity.windows_pd", "max_pods", 110),
		expectInt("data.ekssize_subnet_capacity.windows_pd", "pods_per_node", 110),
		expectAt("data.ekssize_subnet_capacity.windows", tfjsonpath.New("per_node").AtMapKey("formula"),
			knownvalue.StringExact("VPC resource controller (windows): secondary IPs = max(9 + 3, 3) = 12, limited to 9 (the primary ENI: 10 - 1) on the primary ENI; node IPs = 1 + 9 = 10")),
		expectInt("data.ekssize_subnet_capacity.defaults_short", "shortfall_ips", 179),
		expectInt("data.ekssize_subnet_capacity.defaults_short", "shortfall_blocks", 0),
		expectInt("data.ekssize_subnet_capacity.defaults", "shortfall_blocks", 0),
		expectInt("data.ekssize_subnet_capacity.pd_mostly_used", "shortfall_ips", 336),
		expectInt("data.ekssize_subnet_capacity.pd_mostly_used", "shortfall_blocks", 21),
		expectInt("data.ekssize_subnet_capacity.pd_reservation", "shortfall_blocks", 2),
		expectAt("data.ekssize_subnet_capacity.one_node", tfjsonpath.New("warnings").AtSliceIndex(0), knownvalue.StringExact(
			"Subnet is short of IPs: The node subnet 10.0.0.0/27 is 16 IPs short: it needs 17 IPs: 1 node (1 planned + 0 surge) x 17 IPs, "+
				"but has 26 free. Prefix delegation also needs 1 aligned free /28 block (1 prefix per node); of the subnet's 0 eligible "+
				"blocks, the scattered layout assumes 0 are taken by single IPs (1 already in use, the rest nodes' and reserved IPs), "+
				"leaving 0. That is 1 /28 block short. It holds at most 0 nodes; a fresh /26 would.")),
		expectAt("data.ekssize_subnet_capacity.pd_mostly_used", tfjsonpath.New("warnings").AtSliceIndex(0),
			knownvalue.StringRegexp(regexp.MustCompile(`^Subnet is short of IPs: The node subnet 10\.0\.0\.0/24 is 336 IPs short: .* leaving 0\. That is 21 /28 blocks short\.`))),
		expectAt("data.ekssize_subnet_capacity.defaults_short", tfjsonpath.New("warnings").AtSliceIndex(0),
			knownvalue.StringRegexp(regexp.MustCompile(`^Subnet is short of IPs: The node subnet 10\.0\.0\.0/24 is 179 IPs short: it needs 430 IPs`))),
	)
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps:                    []resource.TestStep{{Config: cfg.String(), ConfigStateChecks: checks}},
	})
}

func TestAccSubnetCapacityCustomNetworkingThreeAZs(t *testing.T) {
	t.Parallel()
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_subnet_capacity" "x" {
  instance_type     = "m5.large"
  custom_networking = true
  pods_per_node     = 10
  node_count        = 10
  subnets = [
    { name = "a", cidr_block = "10.0.0.0/24", available_ip_address_count = 200, cluster_subnet = true },
    { name = "b", cidr_block = "10.0.1.0/24" },
    { name = "c", cidr_block = "10.0.2.0/24", prefix_reservations = ["10.0.2.128/26"] },
  ]
  pod_subnets = [
    { cidr_block = "100.64.0.0/19" },
    { cidr_block = "100.64.32.0/19" },
    { cidr_block = "100.64.64.0/26" },
  ]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expectAt("data.ekssize_subnet_capacity.x", tfjsonpath.New("per_node").AtMapKey("node_subnet_ips"), knownvalue.Int64Exact(1)),
				expectAt("data.ekssize_subnet_capacity.x", tfjsonpath.New("per_node").AtMapKey("pod_subnet_ips"), knownvalue.Int64Exact(20)),
				expectAt("data.ekssize_subnet_capacity.x", subnetResult(0, "planned_nodes"), knownvalue.Int64Exact(4)),
				expectAt("data.ekssize_subnet_capacity.x", subnetResult(1, "planned_nodes"), knownvalue.Int64Exact(3)),
				expectAt("data.ekssize_subnet_capacity.x", subnetResult(2, "planned_nodes"), knownvalue.Int64Exact(3)),
				expectAt("data.ekssize_subnet_capacity.x", subnetResult(0, "name"), knownvalue.StringExact("a")),
				expectAt("data.ekssize_subnet_capacity.x", subnetResult(0, "free_ips"), knownvalue.Int64Exact(200)),
				expectAt("data.ekssize_subnet_capacity.x", subnetResult(0, "max_nodes"), knownvalue.Int64Exact(200-6-5)),
				expectAt("data.ekssize_subnet_capacity.x", subnetResult(2, "max_nodes"), knownvalue.Int64Exact(251-64)),
				expectAt("data.ekssize_subnet_capacity.x", tfjsonpath.New("pod_subnet_results").AtSliceIndex(0).AtMapKey("max_nodes"), knownvalue.Int64Exact(409)),
				expectAt("data.ekssize_subnet_capacity.x", tfjsonpath.New("pod_subnet_results").AtSliceIndex(2).AtMapKey("max_nodes"), knownvalue.Int64Exact(2)),
				expectAt("data.ekssize_subnet_capacity.x", tfjsonpath.New("pod_subnet_results").AtSliceIndex(2).AtMapKey("fits"), knownvalue.Bool(false)),
				// Per pair the smaller: min(189, 409) + min(251, 409) + min(187, 2).
				expectInt("data.ekssize_subnet_capacity.x", "max_nodes", 189+251+2),
				expectInt("data.ekssize_subnet_capacity.x", "max_pods_total", (189+251+2)*10),
				expectInt("data.ekssize_subnet_capacity.x", "shortfall_ips", 5*20-59),
				expectAt("data.ekssize_subnet_capacity.x", tfjsonpath.New("fits"), knownvalue.Bool(false)),
			},
		}},
	})
}

// TestAccSubnetCapacityFailOnShortfall: a plan that does not fit stops with
// fail_on_shortfall, naming the subnet; the same plan passes with a warning
// without it, and a postcondition on fits stops it too.
func TestAccSubnetCapacityFailOnShortfall(t *testing.T) {
	t.Parallel()
	body := `
  instance_type = "m5.large"
  pods_per_node = 10
  node_count    = 20
  subnets = [
    { name = "private-a", cidr_block = "10.0.0.0/24" },
    { name = "private-b", cidr_block = "10.0.1.0/24" },
  ]
`
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: "data \"ekssize_subnet_capacity\" \"x\" {" + body + "  fail_on_shortfall = true\n}\n",
				// 10 + 2 surge nodes x 30 IPs = 360 > 251 in each subnet.
				ExpectError: regexp.MustCompile(`(?s)Error: Subnet is short of IPs.*with data.ekssize_subnet_capacity.x.*The node subnet "private-a" \(10.0.0.0/24\) is 109 IPs short: it needs 360 IPs.*fail_on_shortfall = true.*The node subnet "private-b" \(10.0.1.0/24\) is 109 IPs short`),
			},
			{
				Config: "data \"ekssize_subnet_capacity\" \"x\" {" + body + "}\n",
				ConfigStateChecks: []statecheck.StateCheck{
					expectAt("data.ekssize_subnet_capacity.x", tfjsonpath.New("fits"), knownvalue.Bool(false)),
					expectInt("data.ekssize_subnet_capacity.x", "shortfall_ips", 218),
					expectAt("data.ekssize_subnet_capacity.x", tfjsonpath.New("warnings"), knownvalue.ListSizeExact(2)),
				},
			},
			{
				Config: "data \"ekssize_subnet_capacity\" \"x\" {" + body + `
  lifecycle {
    postcondition {
      condition     = self.fits
      error_message = "The subnets are ${self.shortfall_ips} IPs short."
    }
  }
}
`,
				ExpectError: regexp.MustCompile(`The subnets are 218 IPs short\.`),
			},
		},
	})
}

// TestAccSubnetCapacityUnknownAtPlan feeds a subnet's free count from a value
// known only after apply: the read is deferred and the plan still succeeds.
func TestAccSubnetCapacityUnknownAtPlan(t *testing.T) {
	t.Parallel()
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "free" { input = 200 }
data "ekssize_subnet_capacity" "x" {
  instance_type = "m5.large"
  subnets       = [{ cidr_block = "10.0.0.0/24", available_ip_address_count = terraform_data.free.output }]
}
output "max_nodes" { value = data.ekssize_subnet_capacity.x.max_nodes }
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("max_nodes")},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("max_nodes", knownvalue.Int64Exact(6)),
			},
		}},
	})
}

func TestAccSubnetCapacityErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, body, want string
	}{
		{"IPv6 CIDR", `subnets = [{ cidr_block = "2600:1f18:1234:5600::/64" }]`,
			`(?s)subnets\[0\].cidr_block "2600:1f18:1234:5600::/64" is an IPv6 CIDR`},
		{"/29", `subnets = [{ cidr_block = "10.0.0.0/29" }]`, `(?s)subnets\[0\].cidr_block "10.0.0.0/29" is a /29; AWS IPv4 subnets are\s+/16`},
		{"/15", `subnets = [{ cidr_block = "10.0.0.0/24" }, { cidr_block = "10.2.0.0/15" }]`,
			`(?s)subnets\[1\].cidr_block "10.2.0.0/15" is a /15`},
		{"reservation outside", `subnets = [{ cidr_block = "10.0.0.0/24", prefix_reservations = ["10.0.1.0/28"] }]`,
			`(?s)subnets\[0\].prefix_reservations\[0\] "10.0.1.0/28" is not inside the\s+subnet\s+10.0.0.0/24`},
		{"overlapping reservations", `subnets = [{ cidr_block = "10.0.0.0/24", prefix_reservations = ["10.0.0.0/25", "10.0.0.64/26"] }]`,
			`(?s)"10.0.0.64/26" overlaps\s+subnets\[0\].prefix_reservations\[0\]`},
		{"overlapping subnets", `subnets = [{ cidr_block = "10.0.0.0/23" }, { cidr_block = "10.0.1.0/24" }]`,
			`(?s)subnets\[1\].cidr_block 10.0.1.0/24 overlaps subnets\[0\] 10.0.0.0/23`},
		{"custom networking without pod_subnets", "custom_networking = true\n subnets = [{ cidr_block = \"10.0.0.0/24\" }]",
			`(?s)custom_networking is on, so pods take their addresses from the ENIConfig\s+subnets: give pod_subnets`},
		{"branch pods on a t3", "security_groups_for_pods = true\n branch_pods_per_node = 2\n subnets = [{ cidr_block = \"10.0.0.0/24\" }]",
			`(?s)branch_pods_per_node is 2, but t3.large is not trunking compatible`},
		{"minimum IP target alone", "minimum_ip_target = 12\n pods_per_node = 13\n subnets = [{ cidr_block = \"10.0.0.0/24\" }]",
			`(?s)minimum_ip_target = 12.*pod number 13 on a node never gets an IP`},
		{"bad layout", "prefix_layout = \"dense\"\n subnets = [{ cidr_block = \"10.0.0.0/24\" }]",
			`(?s)prefix_layout is "dense"; it must be one of "scattered" or "packed"`},
		{"negative reserved", "reserved = { fargate_pods = -1 }\n subnets = [{ cidr_block = \"10.0.0.0/24\" }]",
			`(?s)reserved.fargate_pods is -1`},
		{"available above usable", `subnets = [{ cidr_block = "10.0.0.0/24", available_ip_address_count = 300 }]`,
			`(?s)subnets\[0\].available_ip_address_count is 300; for 10.0.0.0/24 it must be\s+between 0 and 251`},
		{"empty subnets", `subnets = []`, `subnets is empty`},
		{"missing subnets", `node_count = 3`, `The argument "subnets" is required`},
	}
	steps := make([]resource.TestStep, len(cases))
	for i, c := range cases {
		instance := "m5.large"
		if strings.Contains(c.name, "t3") {
			instance = "t3.large"
		}
		steps[i] = resource.TestStep{
			Config: fmt.Sprintf("data \"ekssize_subnet_capacity\" \"x\" {\n instance_type = %q\n %s\n}\n", instance, c.body),
			// Terraform wraps long messages: any space may be a line break.
			ExpectError: regexp.MustCompile(strings.ReplaceAll(c.want, " ", `\s+`)),
		}
	}
	acceptanceTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviderFactories, Steps: steps})
}

// TestSubnetCapacityDiagnosticPaths checks that errors and warnings land on the
// attribute that caused them (the testing framework cannot assert attribute
// paths or warnings through the CLI).
func TestSubnetCapacityDiagnosticPaths(t *testing.T) {
	ctx := context.Background()
	ds := NewSubnetCapacityDataSource()
	var sr datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
	typ := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	// subnets is a checked object: Terraform sends it as written, here as
	// the list of objects its shape describes.
	shaped, _ := shapedSchema(sr.Schema)
	subnetsTyp := shaped.Type().TerraformType(ctx).(tftypes.Object).AttributeTypes["subnets"]
	subnetTyp := subnetsTyp.(tftypes.List).ElementType.(tftypes.Object)

	read := func(vals map[string]tftypes.Value, subnets ...map[string]tftypes.Value) datasource.ReadResponse {
		obj := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			obj[name] = tftypes.NewValue(at, nil)
		}
		elems := []tftypes.Value{}
		for _, s := range subnets {
			sv := map[string]tftypes.Value{}
			for name, at := range subnetTyp.AttributeTypes {
				sv[name] = tftypes.NewValue(at, nil)
			}
			for k, v := range s {
				sv[k] = v
			}
			elems = append(elems, tftypes.NewValue(subnetTyp, sv))
		}
		obj["subnets"] = tftypes.NewValue(subnetsTyp, elems)
		for k, v := range vals {
			obj[k] = v
		}
		raw := tftypes.NewValue(typ, obj)
		resp := datasource.ReadResponse{State: tfsdk.State{Schema: sr.Schema, Raw: raw}}
		ds.Read(ctx, datasource.ReadRequest{Config: tfsdk.Config{Schema: sr.Schema, Raw: raw}}, &resp)
		return resp
	}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	num := func(n int) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }

	resp := read(map[string]tftypes.Value{"instance_type": str("m5.large")},
		map[string]tftypes.Value{"cidr_block": str("10.0.0.0/24")},
		map[string]tftypes.Value{"cidr_block": str("10.0.1.0/29")})
	d := resp.Diagnostics
	if e, _ := d[0].(diag.DiagnosticWithPath); d.ErrorsCount() != 1 || e == nil ||
		!e.Path().Equal(path.Root("subnets").AtListIndex(1).AtName("cidr_block")) {
		t.Errorf("/29 diagnostics = %v", d)
	}

	resp = read(map[string]tftypes.Value{"instance_type": str("m5.large"), "pods_per_node": num(10), "node_count": num(20)},
		map[string]tftypes.Value{"cidr_block": str("10.0.0.0/24"), "name": str("a")})
	d = resp.Diagnostics
	w, _ := d[0].(diag.DiagnosticWithPath)
	if d.HasError() || d.WarningsCount() != 1 || w == nil || !w.Path().Equal(path.Root("subnets").AtListIndex(0)) ||
		w.Summary() != "Subnet is short of IPs" || !strings.HasPrefix(w.Detail(), `The node subnet "a" (10.0.0.0/24) is 409 IPs short: it needs`) {
		t.Errorf("shortfall diagnostics = %v", d)
	}

	resp = read(map[string]tftypes.Value{"instance_type": str("m5.large"), "prefix_delegation": tftypes.NewValue(tftypes.Bool, true),
		"max_pods": num(29)}, map[string]tftypes.Value{"cidr_block": str("10.0.0.0/20")})
	d = resp.Diagnostics
	w, _ = d[0].(diag.DiagnosticWithPath)
	if d.HasError() || d.WarningsCount() != 1 || w == nil || !w.Path().Equal(path.Root("max_pods")) ||
		!strings.Contains(w.Detail(), "ipamd stops at ceil(29/16) = 2 prefixes") {
		t.Errorf("max_pods warning = %v", d)
	}
}

// manyShortSubnets is a configuration with n /28 subnets, each too small for
// its 3 planned and 2 surge m5.large nodes (150 IPs needed, 11 free).
func manyShortSubnets(n int) string {
	var b strings.Builder
	b.WriteString("data \"ekssize_subnet_capacity\" \"x\" {\n  instance_type = \"m5.large\"\n")
	fmt.Fprintf(&b, "  node_count = %d\n  subnets = [\n", 3*n)
	for i := range n {
		a := i * 16
		fmt.Fprintf(&b, "    { cidr_block = \"10.%d.%d.%d/28\" },\n", a>>16, a>>8&255, a&255)
	}
	b.WriteString("  ]\n}\n")
	return b.String()
}

// TestSubnetCapacityShortfallSummaryFixed: every shortfall warning has the same
// summary and names its subnet in the detail, so Terraform shows one and says
// "and 999 more similar warnings" instead of rendering 1,000 (issue 14 item
// 15: about 20 to 60 seconds of CLI time before, 4 after, see BENCHMARKS.md).
func TestSubnetCapacityShortfallSummaryFixed(t *testing.T) {
	cfg := manyShortSubnets(1000)
	subnets := make([]attr.Value, 1000)
	for i := range subnets {
		a := i * 16
		subnets[i] = subnet(fmt.Sprintf("10.%d.%d.%d/28", a>>16, a>>8&255, a&255))
	}
	_, diags := readDataSource(t, NewSubnetCapacityDataSource(), with(m5large, attrs{"node_count": num(3000), "subnets": tuple(subnets...)}))
	summaries := map[string]int{}
	for i, d := range diags {
		summaries[d.Summary()]++
		want := fmt.Sprintf("The node subnet 10.%d.%d.%d/28 is 139 IPs short: it needs 150 IPs", i*16>>16, i*16>>8&255, i*16&255)
		if d.Severity() != diag.SeverityWarning || !strings.HasPrefix(d.Detail(), want) {
			t.Fatalf("diagnostic %d: %s: %s; want a warning starting %q", i, d.Summary(), d.Detail(), want)
		}
	}
	if len(diags) != 1000 || len(summaries) != 1 || summaries["Subnet is short of IPs"] != 1000 {
		t.Errorf("%d diagnostics with summaries %v; want 1000 x \"Subnet is short of IPs\"", len(diags), summaries)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				expectInt("data.ekssize_subnet_capacity.x", "shortfall_ips", 139000),
				expectAt("data.ekssize_subnet_capacity.x", tfjsonpath.New("fits"), knownvalue.Bool(false)),
			},
		}},
	})
}

// TestAccSubnetCapacityExplicitMaxPodsNeedsNoVCPUs (issue 14 item 5): a
// max_pods the user gives replaces the computed value, so the default eks cap
// (which needs the vCPU count) does not apply: a table type without a vCPU
// count and a described instance without vcpus both work. c7i.32xlarge, 108
// pods: 3 ENIs of 50 addresses hold them (ipamd stops at max_pods 110 before a
// warm fourth), 150 IPs; a /22 (1019 usable) holds 6 nodes.
func TestAccSubnetCapacityExplicitMaxPodsNeedsNoVCPUs(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_subnet_capacity" "table" {
  instance_type = "c7i.32xlarge"
  max_pods      = 110
  subnets       = [{ cidr_block = "10.0.0.0/22" }]
}
data "ekssize_subnet_capacity" "described" {
  instance          = { network_interfaces = 3, ipv4_addresses_per_interface = 10 }
  prefix_delegation = true
  max_pods          = 110
  pods_per_node     = 10
  subnets           = [{ cidr_block = "10.0.0.0/24" }]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expectInt("data.ekssize_subnet_capacity.table", "max_pods", 110),
				expectInt("data.ekssize_subnet_capacity.table", "pods_per_node", 108),
				expectAt("data.ekssize_subnet_capacity.table", tfjsonpath.New("per_node").AtMapKey("node_subnet_ips"), knownvalue.Int64Exact(150)),
				expectInt("data.ekssize_subnet_capacity.table", "max_nodes", 6),
				expectInt("data.ekssize_subnet_capacity.described", "max_pods", 110),
				expectAt("data.ekssize_subnet_capacity.described", tfjsonpath.New("per_node").AtMapKey("prefixes"), knownvalue.Int64Exact(2)),
				expectInt("data.ekssize_subnet_capacity.described", "max_nodes", 4),
			},
		}},
	})
}
