package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
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
# ipamd ignores WARM_ENI_TARGET with prefix delegation; the data source warns, the
# function returns the same answer: ceil(10/16) + 1 = 2 prefixes on 1 ENI, 1 + 32 IPs.
output "ignored"    { value = provider::ekssize::node_ips("m5.large", 10, { prefix_delegation = true, warm_eni_target = 2 }) }
# Windows (the VPC resource controller's pool on the primary ENI): 9 pods + 3 warm,
# limited to 9 secondary IPs; 4 pods: max(4 + 3, 3) = 7; with prefixes, 110 pods:
# max(ceil((110 + 1)/16), ceil(3/16)) = 7 prefixes; each node adds its primary IP.
output "windows"    { value = provider::ekssize::node_ips("m5.large", 9, { os = "windows" }) }
output "windows_4"  { value = provider::ekssize::node_ips("m5.large", 4, { os = "windows" }) }
output "windows_pd" { value = provider::ekssize::node_ips("m5.large", 110, { os = "windows", prefix_delegation = true }) }
`,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("unknown")}},
		ConfigStateChecks: []statecheck.StateCheck{
			expectOutput("m5_large", nodeIPsCheck(3, 27, 0, 30, 0)),
			expectOutput("prefix", nodeIPsCheck(1, 0, 7, 113, 0)),
			expectOutput("custom", nodeIPsCheck(3, 18, 0, 1, 20)),
			expectOutput("warm_ip", nodeIPsCheck(2, 12, 0, 14, 0)),
			expectOutput("ignored", nodeIPsCheck(1, 0, 2, 33, 0)),
			expectOutput("windows", nodeIPsCheck(1, 9, 0, 10, 0)),
			expectOutput("windows_4", nodeIPsCheck(1, 7, 0, 8, 0)),
			expectOutput("windows_pd", nodeIPsCheck(1, 0, 7, 113, 0)),
			statecheck.ExpectKnownOutputValueAtPath("windows_pd", tfjsonpath.New("formula"),
				knownvalue.StringExact("VPC resource controller (windows): prefixes = max(ceil((110 + 1)/16), ceil(3/16)) = 7 on the primary ENI; node IPs = 1 + 16 x 7 = 113")),
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
		{`node_ips("m5.large", 10, { os = "windows" })`, `Invalid value for "pods_per_node" parameter: pods_per_node is 10, more than max_pods 9`},
		{`node_ips("m5.large", 10, { os = "windows", ip_family = "ipv6" })`, `options.ip_family: ip_family = "ipv6" cannot be used with os = "windows"`},
		{`node_ips("m5.large", 10, { pod_subnets = [] })`, `unknown option "pod_subnets"; valid keys are`},
		{`node_ips("m5.large", 10, { warm_eni_target = 2, prefix_delegation = true, strict = true })`, `(?s)options.warm_eni_target: warm_eni_target has no effect here.*strict = true makes it an error`},
	})
}
