package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

func nodeIPsCheck(enis, secondary, prefixes, nodeIPs, podIPs int64) knownvalue.Check {
	return knownvalue.ObjectPartial(map[string]knownvalue.Check{
		"network_interfaces": knownvalue.Int64Exact(enis),
		"secondary_ips":      knownvalue.Int64Exact(secondary),
		"prefixes":           knownvalue.Int64Exact(prefixes),
		"node_subnet_ips":    knownvalue.Int64Exact(nodeIPs),
		"pod_subnet_ips":     knownvalue.Int64Exact(podIPs),
	})
}

func TestAccFunctionNodeIPs(t *testing.T) {
	t.Parallel()
	functionTest(t, resource.TestStep{
		Config: `
resource "terraform_data" "pods" { input = 27 }
# Default warm ENI target 1: ceil(27/9) + 1 = 4 ENIs, limited to the type's 3; 3 x 10 IPs.
output "m5_large"   { value = provider::ekssize::node_ips("m5.large", 27) }
# Prefix delegation, warm prefix target 1: ceil(100/16) + 1 = 8 prefixes, limited to ceil(110/16) = 7.
output "prefix"     { value = provider::ekssize::node_ips("m5.large", 100, { prefix_delegation = true }) }
# Custom networking: 1 IP in the node subnet; 2 pod ENIs x 10 in the pod subnet.
output "custom"     { value = provider::ekssize::node_ips("m5.large", 18, { custom_networking = true }) }
# Warm IP target: 10 + 2 = 12 IPs on 2 ENIs.
output "warm_ip"    { value = provider::ekssize::node_ips("m5.large", 10, { warm_ip_target = 2 }) }
output "unknown"    { value = provider::ekssize::node_ips("m5.large", terraform_data.pods.output).node_subnet_ips }
`,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("unknown")}},
		ConfigStateChecks: []statecheck.StateCheck{
			expectOutput("m5_large", nodeIPsCheck(3, 27, 0, 30, 0)),
			expectOutput("prefix", nodeIPsCheck(1, 0, 7, 113, 0)),
			expectOutput("custom", nodeIPsCheck(3, 18, 0, 1, 20)),
			expectOutput("warm_ip", nodeIPsCheck(2, 12, 0, 14, 0)),
			statecheck.ExpectKnownOutputValueAtPath("m5_large", tfjsonpath.New("formula"),
				knownvalue.StringExact("ENIs = ceil(27/9) + 1 = 4, limited to 3 (ENIs available); node IPs = 3 x 10 = 30")),
			expectOutput("unknown", knownvalue.Int64Exact(30)),
		},
	})
}

func TestAccFunctionNodeIPsErrors(t *testing.T) {
	t.Parallel()
	functionErrorTest(t, []struct{ call, want string }{
		{`node_ips("m5.large", 40)`, `Invalid value for "pods_per_node" parameter: pods_per_node is 40, more than max_pods 29`},
		{`node_ips("m5.large", -1)`, `Invalid value for "pods_per_node" parameter: pods_per_node is -1; it must be 0 or more`},
		{`node_ips("m5.large", 1.5)`, `Invalid value for "pods_per_node" parameter`},
		{`node_ips("m5.large", null)`, `Invalid value for "pods_per_node" parameter: argument must not be null`},
		{`node_ips("m5.lrage", 10)`, `(?s)Invalid value for "instance_type" parameter: instance type "m5.lrage".*did you mean m5.large\?`},
		{`node_ips("m5.large", 10, { warm_ip_target = -1 })`, `Invalid value for "options" parameter: options.warm_ip_target: warm_ip_target is -1`},
		{`node_ips("m5.large", 10, { os = "windows" })`, `options.os: os = "windows" is not modelled here`},
		{`node_ips("m5.large", 10, { pod_subnets = [] })`, `unknown option "pod_subnets"; valid keys are`},
		{`node_ips("m5.large", 10, { warm_eni_target = 2, prefix_delegation = true })`, `(?s)options.warm_eni_target: warm_eni_target has no effect here.*functions cannot return warnings`},
	})
}

// TestNodeIPsAgreesWithDataSource compares the function with the data
// source's per_node (a /16 subnet, and a /16 pod subnet with custom
// networking) over every twentieth instance type and several settings.
func TestNodeIPsAgreesWithDataSource(t *testing.T) {
	t.Parallel()
	optionSets := []map[string]attr.Value{
		{},
		{"prefix_delegation": types.BoolValue(true)},
		{"prefix_delegation": types.BoolValue(true), "warm_prefix_target": types.Int64Value(0), "max_pods": types.Int64Value(110)},
		{"warm_ip_target": types.Int64Value(5), "minimum_ip_target": types.Int64Value(10)},
		{"warm_eni_target": types.Int64Value(0)},
		{"security_groups_for_pods": types.BoolValue(true), "branch_pods_per_node": types.Int64Value(3)},
		{"custom_networking": types.BoolValue(true)},
		{"ip_family": types.StringValue("ipv6")},
	}
	var compared, failed int
	for i, name := range ec2data.MustDefault().Names() {
		if i%20 != 0 {
			continue
		}
		for _, opts := range optionSets {
			for _, pods := range []int64{0, 8, 20} {
				set := map[string]attr.Value{
					"instance_type": types.StringValue(name),
					"pods_per_node": types.Int64Value(pods),
					"subnets":       tuple(lit(map[string]attr.Value{"cidr_block": types.StringValue("10.0.0.0/16")})),
				}
				for k, v := range opts {
					set[k] = v
				}
				if _, ok := opts["custom_networking"]; ok {
					set["pod_subnets"] = tuple(lit(map[string]attr.Value{"cidr_block": types.StringValue("100.64.0.0/16")}))
				}
				state, diags := readDataSource(t, NewSubnetCapacityDataSource(), set)
				got, ferr := callFunction(t, NewNodeIPsFunction(), []attr.Value{types.StringValue(name), types.Int64Value(pods)}, obj(opts))
				compared++
				what := fmt.Sprintf("%s at %d pods with %v", name, pods, opts)
				if len(diags) > 0 {
					failed++
					if ferr == nil {
						t.Fatalf("%s: data source says %v, function returns %v", what, diags, got)
					}
					for _, d := range diags {
						if !strings.Contains(ferr.Text, strings.TrimSuffix(d.Detail(), ".")) {
							t.Fatalf("%s: function error %q lacks the data source's %q", what, ferr.Text, d.Detail())
						}
					}
					continue
				}
				if ferr != nil {
					t.Fatalf("%s: function fails (%s) where the data source gives an answer", what, ferr.Text)
				}
				var want types.Object
				state.GetAttribute(t.Context(), path.Root("per_node"), &want)
				if !got.Equal(want) {
					t.Fatalf("%s: function %v, data source %v", what, got, want)
				}
			}
		}
	}
	if failed == 0 || failed == compared {
		t.Errorf("%d of %d comparisons failed; the sample should have both", failed, compared)
	}
	t.Logf("%d comparisons, %d of them errors or warnings", compared, failed)
}
