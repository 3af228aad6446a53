package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestAccFunctionSubnetMaxNodes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, call string
		want       int64
	}{
		// 27 pods: 3 ENIs x 10 IPs = 30 per node; 251 / 30.
		{"m5_large_24", `subnet_max_nodes("10.0.0.0/24", "m5.large")`, 8},
		// 2 ALBs (16 IPs), a cluster subnet (6 for EKS's ENIs, 5 kept free): 224 / 30.
		{"reserved", `subnet_max_nodes("10.0.0.0/24", "m5.large", { reserved = { application_load_balancers = 2 }, cluster_subnet = true })`, 7},
		{"in_use", `subnet_max_nodes("10.0.0.0/24", "m5.large", { available_ip_address_count = 100 })`, 3},
		// Prefix delegation: 7 prefixes per node; scattered, each node's primary IP spoils a /28 (14 eligible / 8).
		{"pd_scattered", `subnet_max_nodes("10.0.0.0/24", "m5.large", { prefix_delegation = true })`, 1},
		{"pd_packed", `subnet_max_nodes("10.0.0.0/24", "m5.large", { prefix_delegation = true, prefix_layout = "packed" })`, 2},
		// Custom networking: the pod subnet /22 (1019 IPs) at 20 pod IPs per node is the limit.
		{"custom_networking", `subnet_max_nodes("10.0.0.0/24", "m5.large", { custom_networking = true, pod_subnets = [{ cidr_block = "100.64.0.0/22" }] })`, 50},
		// Warm IPs: 10 pods + 2 warm = 12 IPs on ceil(12/9) = 2 ENIs, 14 per node.
		{"warm_ip", `subnet_max_nodes("10.0.0.0/24", "m5.large", { warm_ip_target = 2, pods_per_node = 10 })`, 17},
		// Windows: 9 secondary IPs + the primary per node; with prefixes and 16 pods,
		// 2 prefixes + the primary, which spoils a /28 when scattered (14 eligible / 3).
		{"windows", `subnet_max_nodes("10.0.0.0/24", "m5.large", { os = "windows" })`, 25},
		{"windows_pd", `subnet_max_nodes("10.0.0.0/24", "m5.large", { os = "windows", prefix_delegation = true, pods_per_node = 16 })`, 4},
		// The Windows guide's example: 3 prefixes + the primary per node; packed, the /23's 30 blocks / 3.
		{"windows_guide", `subnet_max_nodes("10.0.8.0/23", "m5.large", { os = "windows", prefix_delegation = true, warm_ip_target = 5, minimum_ip_target = 20, pods_per_node = 40, prefix_layout = "packed" })`, 10},
		// Where the data source warns, the same value: a layout that has no
		// effect, and reservations that leave no room (max_nodes 0, "5 IPs short").
		{"layout_without_pd", `subnet_max_nodes("10.0.0.0/24", "m5.large", { prefix_layout = "packed" })`, 8},
		{"shortfall", `subnet_max_nodes("10.0.0.0/28", "m5.large", { reserved = { application_load_balancers = 2 } })`, 0},
	}
	var cfg strings.Builder
	var checks []statecheck.StateCheck
	for _, c := range cases {
		fmt.Fprintf(&cfg, "output %q { value = provider::ekssize::%s }\n", c.name, c.call)
		checks = append(checks, expectOutput(c.name, knownvalue.Int64Exact(c.want)))
	}
	functionTest(t, resource.TestStep{Config: cfg.String(), ConfigStateChecks: checks})
}

func TestAccFunctionSubnetMaxNodesUnknown(t *testing.T) {
	t.Parallel()
	functionTest(t, resource.TestStep{
		Config: `
resource "terraform_data" "cidr" { input = "10.0.0.0/24" }
resource "terraform_data" "albs" { input = 2 }
output "by_cidr"   { value = provider::ekssize::subnet_max_nodes(terraform_data.cidr.output, "m5.large") }
output "by_nested" { value = provider::ekssize::subnet_max_nodes("10.0.0.0/24", "m5.large", { reserved = { application_load_balancers = terraform_data.albs.output } }) }
`,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectUnknownOutputValue("by_cidr"),
			plancheck.ExpectUnknownOutputValue("by_nested"),
		}},
		ConfigStateChecks: []statecheck.StateCheck{
			expectOutput("by_cidr", knownvalue.Int64Exact(8)),
			expectOutput("by_nested", knownvalue.Int64Exact(7)),
		},
	})
}

func TestAccFunctionSubnetMaxNodesErrors(t *testing.T) {
	t.Parallel()
	functionErrorTest(t, []struct{ call, want string }{
		{`subnet_max_nodes("10.0.0.0/8", "m5.large")`, `Invalid value for "cidr_block" parameter: cidr_block "10.0.0.0/8" is a /8`},
		{`subnet_max_nodes("10.0.0.0/24", "m5.lrage")`, `(?s)Invalid value for "instance_type" parameter: instance type "m5.lrage" is not in the embedded instance table.*did you mean m5.large\?`},
		{`subnet_max_nodes("10.0.0.0/24", "m5.large", { custom_networking = true })`,
			`Invalid value for "options" parameter: options.pod_subnets: custom_networking is on, so pods take their addresses from the ENIConfig subnets: give pod_subnets`},
		{`subnet_max_nodes("10.0.0.0/24", "m5.large", { custom_networking = true, pod_subnets = [{ cidr_block = "10.0.0.0/25" }] })`,
			`options.pod_subnets\[0\].cidr_block: pod_subnets\[0\].cidr_block 10.0.0.0/25 overlaps cidr_block 10.0.0.0/24`},
		{`subnet_max_nodes("10.0.0.0/24", "m5.large", { available_ip_address_count = 300 })`,
			`options.available_ip_address_count: available_ip_address_count is 300; for 10.0.0.0/24 it must be between 0 and 251`},
		{`subnet_max_nodes("10.0.0.0/24", "m5.large", { reserved = { albs = 2 } })`,
			`options.reserved: unknown attribute "albs"; valid attributes are application_load_balancers, fargate_pods, interface_endpoints, network_load_balancers, other_ips`},
		{`subnet_max_nodes("10.0.0.0/24", "m5.large", { pod_subnets = "x" })`, `options.pod_subnets: must be a list, got a string; valid keys are available_ip_address_count,`},
		{`subnet_max_nodes("10.0.0.0/24", "m5.large", { node_count = 3 })`, `unknown option "node_count"; valid keys are`},
		{`subnet_max_nodes("10.0.0.0/24", "m5.large", { prefix_layout = "packed", strict = true })`,
			`(?s)options.prefix_layout: prefix_layout has no effect here: Prefix delegation is not in use.*strict = true makes it an error`},
		// A shortfall (the reservations alone do not fit) is the data source's warning, so an error with strict.
		{`subnet_max_nodes("10.0.0.0/28", "m5.large", { reserved = { application_load_balancers = 2 }, strict = true })`,
			`(?s)Invalid value for "cidr_block" parameter: Subnet is short of IPs: The node subnet 10.0.0.0/28 is 5 IPs short: it needs.*strict = true makes it an error`},
		{`subnet_max_nodes(null, "m5.large")`, `Invalid value for "cidr_block" parameter: argument must not be null`},
	})
}
