package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

func TestAccFunctionInstanceType(t *testing.T) {
	t.Parallel()
	functionTest(t, resource.TestStep{
		Config: `
data "ekssize_instance_type" "m5" { instance_type = "m5.large" }
resource "terraform_data" "type" { input = "m5.large" }

output "m5"      { value = provider::ekssize::instance_type("m5.large") }
output "same"    { value = provider::ekssize::instance_type("m5.large") == data.ekssize_instance_type.m5 }
output "graviton" { value = provider::ekssize::instance_type("m7g.xlarge").supported_architectures }
output "unknown" { value = provider::ekssize::instance_type(terraform_data.type.output).default_vcpus }
`,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectUnknownOutputValue("unknown"),
		}},
		ConfigStateChecks: []statecheck.StateCheck{
			expectOutput("m5", knownvalue.ObjectExact(map[string]knownvalue.Check{
				"instance_type":                        knownvalue.StringExact("m5.large"),
				"maximum_network_interfaces":           knownvalue.Int64Exact(3),
				"maximum_network_cards":                knownvalue.Int64Exact(1),
				"default_network_card_index":           knownvalue.Int64Exact(0),
				"maximum_ipv4_addresses_per_interface": knownvalue.Int64Exact(10),
				"default_vcpus":                        knownvalue.Int64Exact(2),
				"memory_size":                          knownvalue.Int64Exact(8192),
				"hypervisor":                           knownvalue.StringExact("nitro"),
				"bare_metal":                           knownvalue.Bool(false),
				"supported_architectures":              knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("x86_64")}),
				"default_card_network_interfaces":      knownvalue.Int64Exact(3),
				"trunking_compatible":                  knownvalue.Bool(true),
				"branch_network_interfaces":            knownvalue.Int64Exact(9),
				"gpus":                                 knownvalue.Int64Exact(0),
				"ebs_attachment_limit":                 knownvalue.Int64Exact(27),
				"ebs_attachment_limit_type":            knownvalue.StringExact("shared"),
				"eni_max_pods":                         knownvalue.Int64Exact(29),
				"data_version":                         knownvalue.StringExact(ec2data.DataVersion()),
			})),
			expectOutput("same", knownvalue.Bool(true)),
			expectOutput("graviton", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("arm64")})),
			expectOutput("unknown", knownvalue.Int64Exact(2)),
		},
	})
}

func TestAccFunctionInstanceTypeErrors(t *testing.T) {
	t.Parallel()
	functionErrorTest(t, []struct{ call, want string }{
		{`instance_type("m5.lrage")`, `(?s)Invalid value for "instance_type" parameter: instance type "m5.lrage" is not in the embedded instance table.*did you mean m5.large\?`},
		{`instance_type(null)`, `Invalid value for "instance_type" parameter: argument must not be null`},
		{`instance_type(["m5.large"])`, `Invalid value for "instance_type" parameter: string required`},
	})
}

// TestInstanceTypeFunctionAgreesWithDataSource compares the function's object
// with the data source's state for every type in the table.
func TestInstanceTypeFunctionAgreesWithDataSource(t *testing.T) {
	t.Parallel()
	for _, name := range ec2data.MustDefault().Names() {
		state, diags := readDataSource(t, NewInstanceTypeDataSource(), map[string]attr.Value{"instance_type": types.StringValue(name)})
		if diags.HasError() {
			t.Fatal(diags)
		}
		got, ferr := callFunction(t, NewInstanceTypeFunction(), []attr.Value{types.StringValue(name)})
		if ferr != nil {
			t.Fatal(ferr)
		}
		gotTF, _ := got.ToTerraformValue(t.Context())
		if !gotTF.Equal(state.Raw) {
			t.Fatalf("%s: function %v, data source %v", name, gotTF, state.Raw)
		}
		eni, ferr := callFunction(t, NewENIMaxPodsFunction(), []attr.Value{types.StringValue(name)})
		var want types.Int64
		state.GetAttribute(t.Context(), path.Root("eni_max_pods"), &want)
		if ferr != nil || !eni.Equal(want) {
			t.Fatalf("%s: eni_max_pods %v (%v), data source %v", name, eni, ferr, want)
		}
	}
}
