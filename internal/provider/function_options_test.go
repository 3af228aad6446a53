package provider

import (
	"context"
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// callFunction runs f as the framework would: positional arguments, then the
// variadic ones grouped in a tuple (when f has a variadic parameter).
func callFunction(t *testing.T, f function.Function, positional []attr.Value, variadic ...attr.Value) (attr.Value, *function.FuncError) {
	t.Helper()
	ctx := context.Background()
	var def function.DefinitionResponse
	f.Definition(ctx, function.DefinitionRequest{}, &def)
	args := append([]attr.Value(nil), positional...)
	for i, a := range args {
		if i < len(def.Definition.Parameters) && def.Definition.Parameters[i].GetType().Equal(types.NumberType) {
			args[i] = int64sAsNumbers(a) // Terraform passes a number
		}
	}
	if def.Definition.VariadicParameter != nil {
		ts := make([]attr.Type, len(variadic))
		for i := range variadic {
			ts[i] = types.DynamicType
		}
		args = append(args, types.TupleValueMust(ts, variadic))
	}
	result, ferr := def.Definition.Return.NewResultData(ctx)
	if ferr != nil {
		t.Fatal(ferr)
	}
	resp := function.RunResponse{Result: result}
	f.Run(ctx, function.RunRequest{Arguments: function.NewArgumentsData(args)}, &resp)
	return resp.Result.Value(), resp.Error
}

// obj is an options object literal as Terraform would pass it.
func obj(attrs map[string]attr.Value) types.Dynamic {
	ts := map[string]attr.Type{}
	for k, v := range attrs {
		ts[k] = v.Type(context.Background())
	}
	return types.DynamicValue(types.ObjectValueMust(ts, attrs))
}

func num(v int64) attr.Value { return types.NumberValue(big.NewFloat(float64(v))) }

// readDataSource runs a data source's Read with the given attributes set (the
// rest null), as Terraform would.
func readDataSource(t *testing.T, ds datasource.DataSource, set map[string]attr.Value) (tfsdk.State, diag.Diagnostics) {
	t.Helper()
	ctx := context.Background()
	var sr datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
	objType := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for k, at := range objType.AttributeTypes {
		vals[k] = tftypes.NewValue(at, nil)
	}
	for k, b := range sr.Schema.Blocks {
		// Terraform sends an absent list block as an empty list, an absent
		// single block as null.
		if _, single := b.(schema.SingleNestedBlock); single {
			continue
		}
		vals[k] = tftypes.NewValue(b.Type().TerraformType(ctx), []tftypes.Value{})
	}
	for k, v := range set {
		if _, ok := sr.Schema.Attributes[k].(checkedObjectAttribute); ok {
			// A dynamic attribute: Terraform sends the value as written.
			tv, err := int64sAsNumbers(v).ToTerraformValue(ctx)
			if err != nil {
				t.Fatal(err)
			}
			vals[k] = tv
			continue
		}
		// Fill in left-out nested attributes as Terraform does.
		var want attr.Type
		if a, ok := sr.Schema.Attributes[k]; ok {
			want = a.GetType()
		} else {
			want = sr.Schema.Blocks[k].Type()
		}
		// Whole-number attributes take any number, as from Terraform.
		v, _, problem := convertOption(ctx, int64sAsNumbers(v), numbersAsTerraform(want), k)
		if problem != "" {
			t.Fatal(problem)
		}
		tv, err := v.ToTerraformValue(ctx)
		if err != nil {
			t.Fatal(err)
		}
		vals[k] = tv
	}
	resp := datasource.ReadResponse{State: tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(objType, nil)}}
	ds.Read(ctx, datasource.ReadRequest{Config: tfsdk.Config{Schema: sr.Schema, Raw: tftypes.NewValue(objType, vals)}}, &resp)
	return resp.State, resp.Diagnostics
}

func TestOptionsDecode(t *testing.T) {
	ctx := context.Background()
	var n maxPodsOptions
	unknown, ferr := maxPodsOptionSet.decode(ctx, 1, []types.Dynamic{obj(map[string]attr.Value{
		"prefix_delegation": types.StringValue("true"), // converted as Terraform converts attributes
		"max_eni":           types.StringValue("2"),
		"cni_version":       num(1), // a number becomes the string "1"
		"reserved_enis":     types.NumberNull(),
	})}, &n)
	if unknown || ferr != nil {
		t.Fatalf("unknown %v, err %v", unknown, ferr)
	}
	if !n.PrefixDelegation.ValueBool() || n.MaxENI.ValueInt64() != 2 || n.CNIVersion.ValueString() != "1" ||
		!n.ReservedENIs.IsNull() || !n.CapPolicy.IsNull() {
		t.Errorf("decoded %+v", n)
	}

	// A map works as well as an object.
	n = maxPodsOptions{}
	m := types.DynamicValue(types.MapValueMust(types.StringType, map[string]attr.Value{"cap_policy": types.StringValue("none")}))
	if _, ferr := maxPodsOptionSet.decode(ctx, 1, []types.Dynamic{m}, &n); ferr != nil || n.CapPolicy.ValueString() != "none" {
		t.Errorf("map: %v %+v", ferr, n)
	}

	// No options: every attribute null, as an empty data source block.
	n = maxPodsOptions{networkingModel: networkingModel{PrefixDelegation: types.BoolValue(true)}}
	if _, ferr := maxPodsOptionSet.decode(ctx, 1, nil, &n); ferr != nil || !n.PrefixDelegation.IsNull() {
		t.Errorf("none: %v %+v", ferr, n)
	}

	// Any unknown value makes the whole answer unknown.
	for _, d := range []types.Dynamic{
		types.DynamicUnknown(),
		types.DynamicValue(types.ObjectUnknown(map[string]attr.Type{"max_eni": types.NumberType})),
		obj(map[string]attr.Value{"max_eni": types.NumberUnknown()}),
	} {
		if unknown, ferr := maxPodsOptionSet.decode(ctx, 1, []types.Dynamic{d}, &n); !unknown || ferr != nil {
			t.Errorf("%v: unknown %v, err %v", d, unknown, ferr)
		}
	}

	bad := []struct {
		args []types.Dynamic
		pos  int64
		want string
	}{
		{[]types.Dynamic{obj(nil), obj(nil)}, 2, `^give at most one options object, got 2; combine them with merge\(\)`},
		{[]types.Dynamic{types.DynamicNull()}, 1, `^options is null; give an object such as \{ prefix_delegation = true \}, or leave the argument out`},
		{[]types.Dynamic{types.DynamicValue(types.StringValue("x"))}, 1, `^options must be an object such as .* got a string; valid keys are cap_policy, cni_version,`},
		{[]types.Dynamic{obj(map[string]attr.Value{"prefix_delegaton": types.BoolValue(true)})}, 1,
			`^unknown option "prefix_delegaton" \(did you mean "prefix_delegation"\?\); valid keys are cap_policy, .*, security_groups_for_pods, strict$`},
		{[]types.Dynamic{obj(map[string]attr.Value{"colour": types.BoolValue(true)})}, 1, `^unknown option "colour"; valid keys are `},
		{[]types.Dynamic{obj(map[string]attr.Value{"max_eni": types.StringValue("two")})}, 1, `^options.max_eni: must be a whole number, got the string "two"; valid keys are `},
		{[]types.Dynamic{obj(map[string]attr.Value{"max_eni": types.NumberValue(big.NewFloat(1.5))})}, 1, `^options.max_eni: must be a whole number, got 1.5;`},
		{[]types.Dynamic{obj(map[string]attr.Value{"max_eni": types.NumberValue(new(big.Float).SetFloat64(1e30))})}, 1, `^options.max_eni: must be a whole number that fits in 64 bits`},
		{[]types.Dynamic{obj(map[string]attr.Value{"custom_networking": types.StringValue("yes")})}, 1, `^options.custom_networking: must be a bool, got the string "yes"`},
		// The exact decimal form of these takes minutes to write; the message gives the power of ten.
		{[]types.Dynamic{obj(map[string]attr.Value{"max_eni": types.StringValue("1e-99999999")})}, 1, `^options.max_eni: must be a whole number, got about 1e-99999999;`},
		{[]types.Dynamic{obj(map[string]attr.Value{"max_eni": types.StringValue("-1e99999999")})}, 1, `^options.max_eni: must be a whole number that fits in 64 bits, got about -1e99999999;`},
		{[]types.Dynamic{obj(map[string]attr.Value{"max_eni": types.StringValue("1e400")})}, 1, `^options.max_eni: must be a whole number that fits in 64 bits, got about 1e400;`},
		{[]types.Dynamic{obj(map[string]attr.Value{"os": types.ListValueMust(types.StringType, nil)})}, 1, `^options.os: must be a string, got a list`},
	}
	for _, b := range bad {
		_, ferr := maxPodsOptionSet.decode(ctx, 1, b.args, &n)
		if ferr == nil || ferr.FunctionArgument == nil || *ferr.FunctionArgument != b.pos || !regexp.MustCompile(b.want).MatchString(ferr.Text) {
			t.Errorf("decode(%v) = %#v, want argument %d matching %s", b.args, ferr, b.pos, b.want)
		}
	}
}

// TestOptionsCoverDataSource checks that every networking attribute of the
// data source is an option, that the options are those, mirror and strict, and
// that the option struct has exactly those fields (decode fails otherwise).
func TestOptionsCoverDataSource(t *testing.T) {
	for k := range networkingAttributes() {
		if !maxPodsOptionSet.has(k) {
			t.Errorf("max_pods lacks option %s", k)
		}
	}
	if want := len(networkingAttributes()) + 3; len(maxPodsOptionSet.keys) != want || !maxPodsOptionSet.has("strict") || !maxPodsOptionSet.has("mirror") ||
		!maxPodsOptionSet.has("launch_path") {
		t.Errorf("max_pods options %v; want the networking attributes, mirror, launch_path and strict", maxPodsOptionSet.keys)
	}
	if !kubeReservedOptionSet.has("launch_path") {
		t.Errorf("kube_reserved options %v lack launch_path (ekssize_node_config has it)", kubeReservedOptionSet.keys)
	}
	var n maxPodsOptions
	all := map[string]attr.Value{"strict": types.StringNull(), "mirror": types.StringNull(), "launch_path": types.StringNull()}
	for k := range networkingAttributes() {
		all[k] = types.StringNull()
	}
	if _, ferr := maxPodsOptionSet.decode(context.Background(), 1, []types.Dynamic{obj(all)}, &n); ferr != nil {
		t.Fatal(ferr)
	}
	if !strings.Contains(maxPodsOptionSet.markdownTable(), "| `max_eni` | whole number | VPC CNI `MAX_ENI`") {
		t.Errorf("options table:\n%s", maxPodsOptionSet.markdownTable())
	}
}

// TestFunctionNullInstanceType: Terraform rejects null arguments before the
// call; a direct call still gets a clear error rather than a lookup of "".
func TestFunctionNullInstanceType(t *testing.T) {
	for _, f := range []function.Function{NewMaxPodsFunction(), NewENIMaxPodsFunction(), NewInstanceTypeFunction()} {
		_, ferr := callFunction(t, f, []attr.Value{types.StringNull()})
		if ferr == nil || ferr.FunctionArgument == nil || *ferr.FunctionArgument != 0 ||
			ferr.Text != `instance_type is null; give an EC2 instance type such as "m5.large"` {
			t.Errorf("%T: %#v", f, ferr)
		}
	}
}

// lit is an object literal as Terraform passes it inside an argument.
func lit(attrs map[string]attr.Value) attr.Value { return obj(attrs).UnderlyingValue() }

// tuple is a tuple literal ([a, b]).
func tuple(elems ...attr.Value) attr.Value {
	ts := make([]attr.Type, len(elems))
	for i, e := range elems {
		ts[i] = e.Type(context.Background())
	}
	return types.TupleValueMust(ts, elems)
}

// int64sAsNumbers turns the known Int64 values in v into numbers.
func int64sAsNumbers(v attr.Value) attr.Value {
	switch x := v.(type) {
	case basetypes.Int64Value:
		if !x.IsNull() && !x.IsUnknown() {
			return types.NumberValue(new(big.Float).SetInt64(x.ValueInt64()))
		}
	case basetypes.ObjectValue:
		if !x.IsNull() && !x.IsUnknown() {
			m := map[string]attr.Value{}
			for k, e := range x.Attributes() {
				m[k] = int64sAsNumbers(e)
			}
			return lit(m)
		}
	case basetypes.TupleValue:
		if !x.IsNull() && !x.IsUnknown() {
			elems := make([]attr.Value, len(x.Elements()))
			for i, e := range x.Elements() {
				elems[i] = int64sAsNumbers(e)
			}
			return tuple(elems...)
		}
	}
	return v
}
