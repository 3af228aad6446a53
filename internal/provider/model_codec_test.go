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
// and every other attribute null.
func configOf(t *testing.T, ds datasource.DataSource, set map[string]tftypes.Value) tfsdk.Config {
	t.Helper()
	ctx := context.Background()
	var resp datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
	typ := resp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		if v, ok := set[name]; ok {
			vals[name] = v
		} else {
			vals[name] = tftypes.NewValue(at, nil)
		}
	}
	return tfsdk.Config{Schema: resp.Schema, Raw: tftypes.NewValue(typ, vals)}
}

// TestModelCodecMatchesFramework checks that the fast path is taken for the
// models that use it and gives exactly what the framework's Get and Set give.
func TestModelCodecMatchesFramework(t *testing.T) {
	ctx := context.Background()
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	num := func(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }
	instanceType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"network_interfaces": tftypes.Number, "ipv4_addresses_per_interface": tftypes.Number, "vcpus": tftypes.Number,
		"hypervisor": tftypes.String, "bare_metal": tftypes.Bool,
	}}
	for _, tt := range []struct {
		name  string
		ds    datasource.DataSource
		model func() any
		set   map[string]tftypes.Value
	}{
		{"max_pods by name", NewMaxPodsDataSource(), func() any { return &maxPodsModel{} }, map[string]tftypes.Value{
			"instance_type": str("m5.large"), "prefix_delegation": tftypes.NewValue(tftypes.Bool, true), "max_eni": num(2),
			"cni_version": str("1.18.3"), "max_pods": num(110),
		}},
		{"max_pods by instance object", NewMaxPodsDataSource(), func() any { return &maxPodsModel{} }, map[string]tftypes.Value{
			"instance": tftypes.NewValue(instanceType, map[string]tftypes.Value{
				"network_interfaces": num(3), "ipv4_addresses_per_interface": num(10), "vcpus": tftypes.NewValue(tftypes.Number, nil),
				"hypervisor": str("nitro"), "bare_metal": tftypes.NewValue(tftypes.Bool, nil),
			}),
		}},
		{"max_pods batch", NewMaxPodsDataSource(), func() any { return &maxPodsModel{} }, map[string]tftypes.Value{
			"instance_types": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{str("m5.large"), str("t3.micro")}),
		}},
		{"instance_type", NewInstanceTypeDataSource(), func() any { return &instanceTypeModel{} }, map[string]tftypes.Value{
			"instance_type": str("m5.large"),
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			config := configOf(t, tt.ds, tt.set)
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
