package provider

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// configOf builds a data source configuration with the given attributes set
// and every other attribute null; a map[string]any sets some attributes of a
// nested object, a []map[string]any the elements of a nested list.
func configOf(t *testing.T, ds datasource.DataSource, set map[string]any) tfsdk.Config {
	t.Helper()
	ctx := context.Background()
	var resp datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
	typ := resp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	// Checked objects are dynamic attributes: Terraform sends their values
	// as written, here with the types of their shapes.
	shaped, _ := shapedSchema(resp.Schema)
	var vals map[string]tftypes.Value
	if err := objectOf(shaped.Type().TerraformType(ctx).(tftypes.Object), set).As(&vals); err != nil {
		t.Fatal(err)
	}
	return tfsdk.Config{Schema: resp.Schema, Raw: tftypes.NewValue(typ, vals)}
}

func objectOf(typ tftypes.Object, set map[string]any) tftypes.Value {
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		switch v := set[name].(type) {
		case tftypes.Value:
			vals[name] = v
		case map[string]any:
			vals[name] = objectOf(at.(tftypes.Object), v)
		case []map[string]any:
			list := at.(tftypes.List)
			elems := make([]tftypes.Value, len(v))
			for i, e := range v {
				elems[i] = objectOf(list.ElementType.(tftypes.Object), e)
			}
			vals[name] = tftypes.NewValue(list, elems)
		default:
			vals[name] = tftypes.NewValue(at, nil)
		}
	}
	return tftypes.NewValue(typ, vals)
}

// TestModelCodecMatchesFramework checks that the fast path is taken for the
// models that use it and gives exactly what the framework's Get and Set give.
func TestModelCodecMatchesFramework(t *testing.T) {
	ctx := context.Background()
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	num := func(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }
	for _, tt := range []struct {
		name  string
		ds    datasource.DataSource
		model func() any
		set   map[string]any
	}{
		{"max_pods by name", NewMaxPodsDataSource(), func() any { return &maxPodsModel{} }, map[string]any{
			"instance_type": str("m5.large"), "prefix_delegation": tftypes.NewValue(tftypes.Bool, true), "max_eni": num(2),
			"cni_version": str("1.18.3"), "max_pods": num(110),
		}},
		{"max_pods by instance object", NewMaxPodsDataSource(), func() any { return &maxPodsModel{} }, map[string]any{
			"instance": map[string]any{"network_interfaces": num(3), "ipv4_addresses_per_interface": num(10), "hypervisor": str("nitro")},
		}},
		{"max_pods batch", NewMaxPodsDataSource(), func() any { return &maxPodsModel{} }, map[string]any{
			"instance_types": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{str("m5.large"), str("t3.micro")}),
		}},
		{"subnet_capacity", NewSubnetCapacityDataSource(), func() any { return &subnetCapacityModel{} }, map[string]any{
			"instance_type": str("m5.large"), "node_count": num(3),
			"subnets": []map[string]any{
				{"cidr_block": str("10.0.0.0/24"), "prefix_reservations": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{str("10.0.0.16/28")})},
				{"cidr_block": str("10.0.1.0/24"), "name": str("b")},
			},
			"reserved":    map[string]any{"interface_endpoints": num(2)},
			"pod_subnets": []map[string]any{},
		}},
		{"node_config", NewNodeConfigDataSource(), func() any { return &nodeConfigModel{} }, map[string]any{
			"instance_type": str("m5.large"), "ami_family": str("al2023"),
			"eviction_hard": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{"memory.available": str("100Mi")}),
			"cluster": map[string]any{"name": str("c"), "service_cidr": str("10.100.0.0/16"),
				"api_server_endpoint": str("https://example.com"), "certificate_authority": str("Y2E=")},
		}},
		{"instance_type", NewInstanceTypeDataSource(), func() any { return &instanceTypeModel{} }, map[string]any{
			"instance_type": str("m5.large"),
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			config, diags := shapeConfig(ctx, configOf(t, tt.ds, tt.set))
			if diags.HasError() {
				t.Fatal(diags)
			}
			target := tt.model()
			c, err := codecFor(reflect.TypeOf(target).Elem())
			if err != nil {
				t.Fatalf("codec not supported: %v", err)
			}
			if err := c.decode(ctx, config.Schema.Type(), config.Raw, reflect.ValueOf(target).Elem()); err != nil {
				t.Fatalf("fast decode fell back: %v", err)
			}
			want := tt.model()
			if d := config.Get(ctx, want); d.HasError() {
				t.Fatal(d)
			}
			if !reflect.DeepEqual(target, want) {
				t.Errorf("getConfig = %+v\nframework Get = %+v", target, want)
			}

			fast := tfsdk.State{Schema: config.Schema}
			if d := setState(ctx, &fast, target); d.HasError() {
				t.Fatal(d)
			}
			slow := tfsdk.State{Schema: config.Schema}
			if d := slow.Set(ctx, want); d.HasError() {
				t.Fatal(d)
			}
			if !fast.Raw.Equal(slow.Raw) || !fast.Raw.Equal(config.Raw) {
				t.Errorf("setState = %v\nframework Set = %v\nconfig = %v", fast.Raw, slow.Raw, config.Raw)
			}
		})
	}
}

func TestObjectFromMatchesFramework(t *testing.T) {
	ctx := context.Background()
	fields := maxPodsFields{
		MaxPods: types.Int64Value(29), ENIMaxPods: types.Int64Value(29), MaxPodsUncapped: types.Int64Value(29), Cap: types.Int64Null(),
		NetworkInterfaces: types.Int64Value(3), PrefixDelegationApplied: types.BoolValue(false), Formula: types.StringValue("f"),
		KubeletExtraArgs: types.StringValue("--max-pods=29"), BootstrapExtraArgs: types.StringValue("b"),
	}
	got, d := objectFrom(ctx, maxPodsObjectType, fields)
	if d.HasError() {
		t.Fatal(d)
	}
	want, d := types.ObjectValueFrom(ctx, maxPodsObjectType.AttrTypes, fields)
	if d.HasError() {
		t.Fatal(d)
	}
	if !got.Equal(want) {
		t.Errorf("objectFrom = %v, want %v", got, want)
	}
}

// A model the codec does not support falls back to the framework.
func TestModelCodecFallsBack(t *testing.T) {
	type plain struct {
		Name string `tfsdk:"name"`
	}
	if _, err := codecFor(reflect.TypeFor[plain]()); err == nil {
		t.Fatal("codecFor accepted a plain Go string field")
	}
}
