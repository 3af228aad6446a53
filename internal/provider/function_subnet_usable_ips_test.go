package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestAccFunctionSubnetUsableIPs(t *testing.T) {
	t.Parallel()
	functionTest(t, resource.TestStep{
		Config: `
resource "terraform_data" "cidr" { input = "10.1.0.0/20" }
output "s16"     { value = provider::ekssize::subnet_usable_ips("10.0.0.0/16") }
output "s20"     { value = provider::ekssize::subnet_usable_ips("10.0.16.0/20") }
output "s24"     { value = provider::ekssize::subnet_usable_ips("10.0.0.0/24") }
output "s28"     { value = provider::ekssize::subnet_usable_ips("10.0.0.16/28") }
output "unknown" { value = provider::ekssize::subnet_usable_ips(terraform_data.cidr.output) }
`,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("unknown")}},
		ConfigStateChecks: []statecheck.StateCheck{
			expectOutput("s16", knownvalue.Int64Exact(65531)),
			expectOutput("s20", knownvalue.Int64Exact(4091)),
			expectOutput("s24", knownvalue.Int64Exact(251)),
			expectOutput("s28", knownvalue.Int64Exact(11)),
			expectOutput("unknown", knownvalue.Int64Exact(4091)),
		},
	})
}

func TestAccFunctionSubnetUsableIPsErrors(t *testing.T) {
	t.Parallel()
	functionErrorTest(t, []struct{ call, want string }{
		{`subnet_usable_ips("10.0.0.0/8")`, `Invalid value for "cidr_block" parameter: cidr_block "10.0.0.0/8" is a /8; AWS IPv4 subnets are /16 \(65,536 addresses\) to /28`},
		{`subnet_usable_ips("10.0.0.0/29")`, `cidr_block "10.0.0.0/29" is a /29`},
		{`subnet_usable_ips("2001:db8::/64")`, `cidr_block "2001:db8::/64" is an IPv6 CIDR; give the subnet's IPv4 CIDR block`},
		{`subnet_usable_ips("banana")`, `cidr_block "banana" is not a CIDR block; use the form "10.0.0.0/24"`},
		{`subnet_usable_ips(null)`, `Invalid value for "cidr_block" parameter: argument must not be null`},
	})
}

// TestSubnetUsableIPsAgreesWithDataSource compares the function with the data
// source's subnet_results[0].usable_ips for every allowed prefix length.
func TestSubnetUsableIPsAgreesWithDataSource(t *testing.T) {
	t.Parallel()
	for bits := 16; bits <= 28; bits++ {
		cidr := fmt.Sprintf("10.0.0.0/%d", bits)
		state, diags := readDataSource(t, NewSubnetCapacityDataSource(), map[string]attr.Value{
			"instance_type": types.StringValue("m5.large"),
			"subnets":       tuple(lit(map[string]attr.Value{"cidr_block": types.StringValue(cidr)})),
		})
		if diags.HasError() {
			t.Fatal(diags)
		}
		var want types.Int64
		state.GetAttribute(t.Context(), path.Root("subnet_results").AtListIndex(0).AtName("usable_ips"), &want)
		got, ferr := callFunction(t, NewSubnetUsableIPsFunction(), []attr.Value{types.StringValue(cidr)})
		if ferr != nil || !got.Equal(want) || want.ValueInt64() != int64(1<<(32-bits)-5) {
			t.Errorf("%s: function %v (%v), data source %v", cidr, got, ferr, want)
		}
	}
}
