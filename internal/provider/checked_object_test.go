package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// shapedState is a data source's state with its checked objects typed as
// their shapes, so a test can read them into their models.
func shapedState(t *testing.T, state tfsdk.State) tfsdk.State {
	t.Helper()
	shaped, names := shapedSchema(state.Schema)
	if names == nil {
		return state
	}
	var vals map[string]tftypes.Value
	if err := state.Raw.As(&vals); err != nil {
		t.Fatal(err)
	}
	typ := shaped.Type().TerraformType(t.Context()).(tftypes.Object)
	out := make(map[string]tftypes.Value, len(vals))
	for k, v := range vals {
		if v.IsNull() {
			v = tftypes.NewValue(typ.AttributeTypes[k], nil)
		}
		out[k] = v
	}
	return tfsdk.State{Schema: shaped, Raw: tftypes.NewValue(typ, out)}
}

// TestAccCheckedObjectsReadBack: object arguments the provider checks by
// name (dynamic attributes) read back as the objects their shapes describe,
// with Terraform's conversions (a string for a number) and the left-out
// attributes null, and a computed one (kube_reserved) as before.
func TestAccCheckedObjectsReadBack(t *testing.T) {
	t.Parallel()
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_subnet_capacity" "x" {
  instance_type = "m5.large"
  node_count    = 3
  subnets       = [{ cidr_block = "10.0.0.0/24", name = "a" }, { cidr_block = "10.0.1.0/24" }]
  reserved      = { application_load_balancers = 2, fargate_pods = "3" }
}
data "ekssize_node_config" "x" {
  instance_type   = "m5.large"
  system_reserved = { cpu = "100m" }
}
output "alb" { value = data.ekssize_subnet_capacity.x.reserved.application_load_balancers }
output "fargate" { value = data.ekssize_subnet_capacity.x.reserved.fargate_pods }
data "ekssize_subnet_capacity" "none" {
  instance_type = "m5.large"
  node_count    = 3
  subnets       = [{ cidr_block = "10.0.0.0/24", name = "a" }, { cidr_block = "10.0.1.0/24" }]
}
output "nlb_null" { value = data.ekssize_subnet_capacity.x.reserved.network_load_balancers == null }
output "second_subnet" { value = data.ekssize_subnet_capacity.x.subnets[1].cidr_block }
output "second_name_null" { value = data.ekssize_subnet_capacity.x.subnets[1].name == null }
# 2 ALBs x 8 IPs + 3 Fargate pods x 1 IP, in each subnet.
output "reserved_ips" {
  value = data.ekssize_subnet_capacity.none.subnet_results[0].headroom_ips - data.ekssize_subnet_capacity.x.subnet_results[0].headroom_ips
}
output "kube_memory" { value = data.ekssize_node_config.x.kube_reserved.memory }
output "system_cpu" { value = data.ekssize_node_config.x.system_reserved.cpu }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("alb", knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownOutputValue("fargate", knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownOutputValue("nlb_null", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("second_subnet", knownvalue.StringExact("10.0.1.0/24")),
				statecheck.ExpectKnownOutputValue("second_name_null", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("reserved_ips", knownvalue.Int64Exact(2*8+3)),
				statecheck.ExpectKnownOutputValue("kube_memory", knownvalue.StringExact("574Mi")),
				statecheck.ExpectKnownOutputValue("system_cpu", knownvalue.StringExact("100m")),
			},
		}},
	})
}

// TestAccCheckedObjectDeferredRead pins the documented price of checked
// objects: while the read waits for apply, Terraform plans the argument as
// written, so an attribute not written cannot be referenced in that plan; the
// flat results the docs point to can.
func TestAccCheckedObjectDeferredRead(t *testing.T) {
	t.Parallel()
	const config = `
resource "terraform_data" "cpu" { input = "100m" }
data "ekssize_node_config" "x" {
  instance_type = "m5.large"
  kube_reserved = { cpu = terraform_data.cpu.output }
}
`
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      config + `output "memory" { value = data.ekssize_node_config.x.kube_reserved.memory }`,
				ExpectError: regexp.MustCompile(`Unsupported attribute`),
			},
			{
				Config: config + `output "memory_mib" { value = data.ekssize_node_config.x.kube_reserved_memory_mib }
output "cpu" { value = data.ekssize_node_config.x.kube_reserved.cpu }`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("memory_mib", knownvalue.Int64Exact(11*29+255)),
					statecheck.ExpectKnownOutputValue("cpu", knownvalue.StringExact("100m")),
				},
			},
		},
	})
}

// TestSchemaTypesCache: a data source schema's types are built once and
// reused, but a schema with blocks is not keyed by its attribute map alone:
// two schemas sharing one attribute map with different blocks keep their own
// types.
func TestSchemaTypesCache(t *testing.T) {
	attrs := map[string]schema.Attribute{"a": schema.StringAttribute{Optional: true}}
	plain := schema.Schema{Attributes: attrs}
	withBlock := schema.Schema{Attributes: attrs, Blocks: map[string]schema.Block{
		"b": schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
			"c": schema.Int64Attribute{Optional: true},
		}}},
	}}
	for _, s := range []schema.Schema{plain, withBlock, plain, withBlock} {
		typ, tf := schemaTypes(t.Context(), s)
		if want := s.Type(); !typ.Equal(want) {
			t.Fatalf("schemaTypes gave %s, want %s", typ, want)
		}
		if want := s.Type().TerraformType(t.Context()); !tf.Equal(want) {
			t.Fatalf("schemaTypes gave Terraform type %s, want %s", tf, want)
		}
	}
	if a, b := shapedSchemaOf(plain), shapedSchemaOf(plain); a != b {
		t.Error("a schema without blocks should be built once and cached")
	}
}
