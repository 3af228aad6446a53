package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// Unknown values. Every data source has a test whose input comes from a
// terraform_data resource: the plan succeeds with the read deferred, and the
// value is known after apply (TestAccMaxPodsUnknownAtPlan,
// TestAccSubnetCapacityUnknownAtPlan, TestAccNodeConfigUnknownAtPlan and
// TestAccInstanceTypeUnknownAtPlan below). Every function returns unknown
// for an unknown argument: TestAccFunctionMaxPodsUnknown,
// TestAccFunctionSubnetMaxNodesUnknown and the "unknown" outputs of the other
// function tests cover one argument each; TestAccFunctionUnknownArguments
// covers the remaining arguments, and TestFunctionUnknownOptionValues every
// option key (and nested attribute) of every function.

func TestAccInstanceTypeUnknownAtPlan(t *testing.T) {
	t.Parallel()
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "type" { input = "m5.large" }
data "ekssize_instance_type" "x" { instance_type = terraform_data.type.output }
# The batch form of ekssize_max_pods with one unknown element.
data "ekssize_max_pods" "batch" { instance_types = ["t3a.medium", terraform_data.type.output] }
output "vcpus" { value = data.ekssize_instance_type.x.default_vcpus }
output "batch" { value = data.ekssize_max_pods.batch.by_instance_type["m5.large"].max_pods }
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownOutputValue("vcpus"),
				plancheck.ExpectUnknownOutputValue("batch"),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("vcpus", knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownOutputValue("batch", knownvalue.Int64Exact(29)),
			},
		}},
	})
}

// TestAccFunctionUnknownArguments: the arguments no other test makes unknown.
func TestAccFunctionUnknownArguments(t *testing.T) {
	t.Parallel()
	outputs := []struct {
		name, value string
		want        int64
	}{
		{"subnet_max_nodes_type", `subnet_max_nodes("10.0.0.0/24", terraform_data.type.output)`, 8},
		{"subnet_max_nodes_options", `subnet_max_nodes("10.0.0.0/24", "m5.large", terraform_data.pd.output)`, 1},
		{"subnet_max_nodes_pod_subnet", `subnet_max_nodes("10.0.0.0/24", "m5.large", { custom_networking = true, pod_subnets = [{ cidr_block = terraform_data.pod_cidr.output }] })`, 50},
		{"node_ips_type", `node_ips(terraform_data.type.output, 27).node_subnet_ips`, 30},
		{"node_ips_option", `node_ips("m5.large", 10, { warm_ip_target = terraform_data.two.output }).node_subnet_ips`, 14},
		{"node_ips_options", `node_ips("m5.large", 100, terraform_data.pd.output).node_subnet_ips`, 113},
		{"kube_reserved_option", `kube_reserved("m5.large", { kube_reserved = { cpu = terraform_data.cpu.output } }).cpu_millicores`, 100},
		{"kube_reserved_options", `kube_reserved("m5.large", terraform_data.pd_max_pods.output).memory_mib`, 1465},
	}
	cfg := `
resource "terraform_data" "type" { input = "m5.large" }
resource "terraform_data" "two" { input = 2 }
resource "terraform_data" "cpu" { input = "100m" }
resource "terraform_data" "pod_cidr" { input = "100.64.0.0/22" }
resource "terraform_data" "pd" { input = { prefix_delegation = true } }
resource "terraform_data" "pd_max_pods" { input = { prefix_delegation = true, kube_reserved_basis = "max_pods" } }
`
	var plan []plancheck.PlanCheck
	var state []statecheck.StateCheck
	for _, o := range outputs {
		cfg += fmt.Sprintf("output %q { value = provider::ekssize::%s }\n", o.name, o.value)
		plan = append(plan, plancheck.ExpectUnknownOutputValue(o.name))
		state = append(state, expectOutput(o.name, knownvalue.Int64Exact(o.want)))
	}
	functionTest(t, resource.TestStep{
		Config:            cfg,
		ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: plan},
		ConfigStateChecks: state,
	})
}

// unknownVariants are values of type t that are unknown or hold an unknown:
// the unknown itself, and for objects and lists each attribute or element
// type's variants inside an otherwise empty object or a one-element tuple,
// as an HCL literal would give them.
func unknownVariants(ctx context.Context, t attr.Type) []attr.Value {
	u, err := t.ValueFromTerraform(ctx, tftypes.NewValue(t.TerraformType(ctx), tftypes.UnknownValue))
	if err != nil {
		panic(err)
	}
	out := []attr.Value{u}
	switch t := t.(type) {
	case basetypes.ObjectType:
		for name, at := range t.AttrTypes {
			for _, v := range unknownVariants(ctx, at) {
				out = append(out, lit(attrs{name: v}))
			}
		}
	case basetypes.ListType:
		for _, v := range unknownVariants(ctx, t.ElemType) {
			out = append(out, tuple(v))
		}
	}
	return out
}

// TestFunctionUnknownOptionValues calls every function that takes options
// with each option key (and each nested attribute) unknown: the result must
// be unknown, never an error or a number. Terraform itself answers unknown
// for an unknown positional argument or a wholly unknown options argument
// without calling the provider, because no parameter allows unknown values;
// that is checked too.
func TestFunctionUnknownOptionValues(t *testing.T) {
	ctx := context.Background()
	calls := map[string]struct {
		f    func() function.Function
		opts funcOptions
		args []attr.Value
	}{
		"max_pods":              {NewMaxPodsFunction, maxPodsOptionSet, []attr.Value{str("m5.large")}},
		"subnet_max_nodes":      {NewSubnetMaxNodesFunction, subnetMaxNodesOptionSet, []attr.Value{str("10.0.0.0/24"), str("m5.large")}},
		"node_ips":              {NewNodeIPsFunction, nodeIPsOptionSet, []attr.Value{str("m5.large"), i64(10)}},
		"kube_reserved":         {NewKubeReservedFunction, kubeReservedOptionSet, []attr.Value{str("m5.large")}},
		"nodeadm_max_pods":      {NewNodeadmMaxPodsFunction, nodeadmMaxPodsOptionSet, []attr.Value{str("m5.large"), str("max_pods")}},
		"max_pods_expression":   {NewMaxPodsExpressionFunction, maxPodsExpressionOptionSet, []attr.Value{types.ListValueMust(types.StringType, []attr.Value{str("m5.large")})}},
		"vpc_cni_configuration": {NewVPCCNIConfigurationFunction, vpcCNIConfigurationOptionSet, nil},
	}
	for _, newF := range New("test")().(interface {
		Functions(context.Context) []func() function.Function
	}).Functions(ctx) {
		f := newF()
		var md function.MetadataResponse
		f.Metadata(ctx, function.MetadataRequest{}, &md)
		var def function.DefinitionResponse
		f.Definition(ctx, function.DefinitionRequest{}, &def)
		for _, p := range def.Definition.Parameters {
			if p.GetAllowUnknownValues() {
				t.Errorf("%s: parameter %s allows unknown values; Run must then handle them", md.Name, p.GetName())
			}
		}
		if vp := def.Definition.VariadicParameter; vp != nil {
			if vp.GetAllowUnknownValues() {
				t.Errorf("%s: the options parameter allows unknown values", md.Name)
			}
			if _, ok := calls[md.Name]; !ok {
				t.Errorf("%s takes options; add it to this test", md.Name)
			}
		}
	}
	n := 0
	for name, c := range calls {
		f := c.f()
		// A wholly unknown options argument, as a direct call might pass it.
		if got, ferr := callFunction(t, f, c.args, types.DynamicUnknown()); ferr != nil || !got.IsUnknown() {
			t.Errorf("%s(..., unknown): %v, %v; want unknown", name, got, ferr)
		}
		for _, key := range c.opts.keys {
			for _, v := range unknownVariants(ctx, c.opts.attrs[key].GetType()) {
				opts := obj(attrs{key: v})
				got, ferr := callFunction(t, f, c.args, opts)
				n++
				if ferr != nil || !got.IsUnknown() {
					t.Errorf("%s(..., %s): %v, %v; want unknown", name, hclValue(opts, false, ""), got, ferr)
				}
			}
		}
	}
	t.Logf("%d calls with an unknown option value", n)
}
