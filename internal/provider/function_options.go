package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
	"github.com/ekssize/terraform-provider-ekssize/internal/echo"
	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

// This file is the machinery every provider function shares: the trailing
// options object, and the one mapping of the core's errors and warnings onto
// function arguments.
//
// Every function has the same shape:
//
//	arguments and options object -> option struct (decode)
//	-> the conversion to core inputs the data source uses (toCore, nodeIPsInputOf, subnetSpecs, ...)
//	-> the core function the data source calls (sizing.MaxPods, sizing.NodeIPs, ...)
//	-> the result conversion the data source uses (perNodeOf, reservedResultOf, ...)
//	-> funcCall.fail for a *sizing.InputError or the warnings.
//
// The options object of a function is a set of the matching data source's
// attributes (networkingAttributes() for max_pods; the networking, warm-pool
// and subnet attributes for subnet_max_nodes, ...), with the data source's
// types and descriptions. decode turns the object, through an ordinary
// types.Object, into an option struct made of the data source's own model
// groups (networkingModel, warmTargetsModel, subnetReservedModel, ...).
// Defaults, validation and messages are therefore shared, and a function
// cannot disagree with its data source.
//
// The core names the input of each problem (InputError.Field,
// Warning.Field) in the provider's words; funcCall.at attaches the text to the
// positional parameter of that name ("instance_type"), or to the options
// argument ("options.max_eni: ..."). Functions cannot return warnings: they
// return the data source's value, or with strict = true fail (see
// warningsPolicy).

// optionsParamName is the name of the trailing options parameter.
const optionsParamName = "options"

// warningsPolicy is appended to the description of every function that may
// meet a warning of the core.
const warningsPolicy = "Provider functions cannot return warnings. Where the data source warns but still answers (for example " +
	"prefix delegation asked for on a Xen type, or with a VPC CNI older than 1.9: the VPC CNI then falls back to secondary IPs), " +
	"the function returns the value the data source returns, which is what the mirrored AWS tool gives, so that a `for` " +
	"expression over many instance types does not fail because of one of them. Set `strict = true` in the options to fail " +
	"with the warning's text instead. The data source's errors are always errors."

// strictOption is the strict option of every function that may meet a
// warning of the core; it has no data source attribute.
type strictOption struct {
	Strict types.Bool `tfsdk:"strict"`
}

// strictAttributes is the schema of strictOption.
func strictAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"strict": schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "Function only (the data sources have no such attribute): `true` makes the call fail where the data " +
				"source would warn, with the warning's text. Default `false`: return the value the data source returns.",
		},
	}
}

// schemaAttributes picks attributes of a data source's schema by name, so an
// option has the data source attribute's type and description.
func schemaAttributes(ds datasource.DataSource, names ...string) map[string]schema.Attribute {
	var resp datasource.SchemaResponse
	ds.Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	out := make(map[string]schema.Attribute, len(names))
	for _, n := range names {
		a, ok := resp.Schema.Attributes[n]
		if !ok {
			panic("provider: the data source has no attribute " + n)
		}
		out[n] = unshaped(a) // an option's value is checked by convertOption
	}
	return out
}

// schemaObjectType is the object type of a nested attribute of a data
// source's schema, so a function returns exactly the data source's object.
func schemaObjectType(ds datasource.DataSource, name string) map[string]attr.Type {
	return schemaAttributes(ds, name)[name].GetType().(basetypes.ObjectType).AttrTypes
}

// funcOptions describes one function's options object: the data source
// attributes it accepts, by name.
type funcOptions struct {
	attrs map[string]schema.Attribute
	keys  []string // sorted
}

func newFuncOptions(groups ...map[string]schema.Attribute) funcOptions {
	attrs := mergeAttributes(groups...)
	return funcOptions{attrs: attrs, keys: slices.Sorted(maps.Keys(attrs))}
}

func (o funcOptions) has(key string) bool { _, ok := o.attrs[key]; return ok }

func (o funcOptions) validKeys() string { return strings.Join(o.keys, ", ") }

// parameter is the variadic options parameter. Terraform itself rejects a null
// options argument ("argument must not be null") and skips the call for an
// unknown one; decode still handles both, and an unknown value inside the
// object gives an unknown result.
func (o funcOptions) parameter(dataSource string) function.DynamicParameter {
	return function.DynamicParameter{
		Name: optionsParamName,
		MarkdownDescription: "At most one object (or map) of settings, keyed by the `" + dataSource + "` data source's attribute " +
			"names; any subset may be given and omitted keys take the data source's defaults. Valid keys: " +
			"`" + strings.Join(o.keys, "`, `") + "`. An unknown key or a value of the wrong type is an error naming the key.",
	}
}

// markdownTable documents every option with the data source's description.
func (o funcOptions) markdownTable() string { return attributesTable("Option", o.attrs) }

// attributesTable is a Markdown table of attributes, their types and the data
// source's descriptions, for option objects and returned objects.
func attributesTable(heading string, attrs map[string]schema.Attribute) string {
	var b strings.Builder
	b.WriteString("| " + heading + " | Type | Description |\n|---|---|---|\n")
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		a := attrs[k]
		desc := strings.ReplaceAll(a.GetMarkdownDescription(), "|", "\\|")
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", k, typeName(a.GetType()), desc)
	}
	return b.String()
}

// decodeOptions reads the call's options arguments into target; see decode.
func (c funcCall) decodeOptions(ctx context.Context, args []types.Dynamic, target any) (unknown bool, ferr *function.FuncError) {
	return c.opts.decode(ctx, c.optsPos, args, target)
}

// decode reads the variadic options arguments (at most one, at position pos)
// into target, a pointer to the data source model whose tfsdk tags are exactly
// the option keys. Omitted and null options are null in the model, as an unset
// attribute is for the data source. unknown is true when the options object or
// any value in it is unknown; the caller then returns an unknown result.
func (o funcOptions) decode(ctx context.Context, pos int64, args []types.Dynamic, target any) (unknown bool, ferr *function.FuncError) {
	if len(args) > 1 {
		return false, function.NewArgumentFuncError(pos+1, fmt.Sprintf(
			"give at most one options object, got %d; combine them with merge(), e.g. merge(local.cni, { cap_policy = \"none\" })", len(args)))
	}
	attrTypes := make(map[string]attr.Type, len(o.attrs))
	values := make(map[string]attr.Value, len(o.attrs))
	for k, a := range o.attrs {
		attrTypes[k] = a.GetType()
		v, err := typedValue(ctx, a.GetType(), tftypes.Value{})
		if err != nil {
			return false, function.NewFuncError("internal error: " + err.Error())
		}
		values[k] = v // null
	}
	if len(args) == 1 {
		given, unknown, ferr := o.elements(ctx, pos, args[0])
		if ferr != nil || unknown {
			return unknown, ferr
		}
		keys := make([]string, 0, len(given))
		for k := range given {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			a, ok := o.attrs[k]
			if !ok {
				msg := "unknown option " + echo.Quote(k)
				if s := closestKey(k, o.keys); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				return false, function.NewArgumentFuncError(pos, msg+"; valid keys are "+o.validKeys())
			}
			v, unknown, problem := convertOption(ctx, given[k], a.GetType(), "options."+k)
			if problem != "" {
				return false, function.NewArgumentFuncError(pos, problem+"; valid keys are "+o.validKeys())
			}
			if unknown {
				return true, nil
			}
			if sv, isString := v.(basetypes.StringValue); isString && !sv.IsNull() {
				if problem := emptyStringProblem(k, sv.ValueString()); problem != "" {
					return false, function.NewArgumentFuncError(pos, "options."+k+": "+problem)
				}
			}
			// A nested object's required attributes, as for a data source's
			// checked object (checked_object.go).
			if problem := missingRequired(a, v, "options."+k); problem != "" {
				return false, function.NewArgumentFuncError(pos, problem)
			}
			values[k] = v
		}
	}
	obj, diags := types.ObjectValue(attrTypes, values)
	diags.Append(obj.As(ctx, target, basetypes.ObjectAsOptions{})...)
	if diags.HasError() {
		return false, function.FuncErrorFromDiags(ctx, diags)
	}
	return false, nil
}

// elements returns the key/value pairs of the options argument.
func (o funcOptions) elements(ctx context.Context, pos int64, arg types.Dynamic) (map[string]attr.Value, bool, *function.FuncError) {
	if arg.IsUnknown() || arg.IsUnderlyingValueUnknown() {
		return nil, true, nil
	}
	if arg.IsNull() || arg.IsUnderlyingValueNull() {
		return nil, false, function.NewArgumentFuncError(pos, "options is null; give an object such as { prefix_delegation = true }, "+
			"or leave the argument out for the defaults; valid keys are "+o.validKeys())
	}
	if elems, ok := elementsOf(arg.UnderlyingValue()); ok {
		return elems, false, nil
	}
	return nil, false, function.NewArgumentFuncError(pos, fmt.Sprintf(
		"options must be an object such as { prefix_delegation = true }, got %s; valid keys are %s",
		withArticle(typeName(arg.UnderlyingValue().Type(ctx))), o.validKeys()))
}

// convertOption converts one option value to the attribute's type the way
// Terraform converts a data source argument (a string "2" is a number, true is
// the string "true"; an object may leave out optional attributes), so the same
// value means the same in both places. It returns a problem text, starting
// with where the problem is (where, then nested attributes and indexes), when
// the value cannot be converted. A value not known yet converts to an unknown
// value of type want, and unknown is then true; the known parts of an object
// or list around it are still converted and checked.
func convertOption(ctx context.Context, v attr.Value, want attr.Type, where string) (attr.Value, bool, string) {
	v, unknown := underlyingValue(v)
	if unknown {
		uv, err := typedValue(ctx, want, tftypes.NewValue(want.TerraformType(ctx), tftypes.UnknownValue))
		if err != nil {
			return nil, false, where + ": " + err.Error()
		}
		return uv, true, ""
	}
	if _, ok := want.(wholeNumberType); ok {
		want = types.Int64Type // the same checks, in the options' words
	}
	if v == nil || v.IsNull() {
		nv, err := typedValue(ctx, want, tftypes.Value{})
		if err != nil {
			return nil, false, where + ": " + err.Error()
		}
		return nv, false, ""
	}
	var out attr.Value
	var problem string
	switch want := want.(type) {
	case basetypes.BoolType:
		out, problem = convertBool(v, where)
	case basetypes.Int64Type:
		out, problem = convertInt64(v, where)
	case basetypes.StringType:
		out = convertString(v)
	case basetypes.NumberType:
		out, problem = convertNumber(v, where)
	case basetypes.ObjectType:
		if given, ok := elementsOf(v); ok {
			return convertObject(ctx, given, want, where)
		}
	case basetypes.ListType:
		if elems, ok := listElements(v); ok {
			return convertList(ctx, elems, want, where)
		}
		return nil, false, wrongType(ctx, v, want, where)
	}
	switch {
	case problem != "":
		return nil, false, problem
	case out != nil:
		return out, false, ""
	case v.Type(ctx).Equal(want):
		return v, false, ""
	}
	return nil, false, wrongType(ctx, v, want, where)
}

// underlyingValue unwraps a dynamic value: nil for null, and whether it is
// unknown.
func underlyingValue(v attr.Value) (attr.Value, bool) {
	if dv, ok := v.(basetypes.DynamicValue); ok {
		switch {
		case dv.IsUnknown() || dv.IsUnderlyingValueUnknown():
			return nil, true
		case dv.IsNull() || dv.IsUnderlyingValueNull():
			return nil, false
		}
		v = dv.UnderlyingValue()
	}
	return v, v != nil && v.IsUnknown()
}

// wrongType is the problem of a value no conversion applies to.
func wrongType(ctx context.Context, v attr.Value, want attr.Type, where string) string {
	return fmt.Sprintf("%s: must be %s, got %s", where, withArticle(typeName(want)), withArticle(typeName(v.Type(ctx))))
}

// convertBool takes a bool or the strings "true" and "false"; nil and no
// problem when neither applies.
func convertBool(v attr.Value, where string) (attr.Value, string) {
	switch x := v.(type) {
	case basetypes.BoolValue:
		return x, ""
	case basetypes.StringValue:
		if b, err := strconv.ParseBool(x.ValueString()); err == nil && (x.ValueString() == "true" || x.ValueString() == "false") {
			return types.BoolValue(b), ""
		}
		return nil, fmt.Sprintf("%s: must be a bool, got the string %s", where, echo.Quote(x.ValueString()))
	}
	return nil, ""
}

// convertInt64 takes a whole number, or a string that is one; nil and no
// problem when neither applies.
func convertInt64(v attr.Value, where string) (attr.Value, string) {
	var f *big.Float
	switch x := v.(type) {
	case basetypes.Int64Value:
		f = new(big.Float).SetInt64(x.ValueInt64())
	case basetypes.NumberValue:
		f = x.ValueBigFloat()
	case basetypes.StringValue:
		pf, _, err := big.ParseFloat(strings.TrimSpace(x.ValueString()), 10, 512, big.ToNearestEven)
		if err != nil {
			return nil, fmt.Sprintf("%s: must be a whole number, got the string %s", where, echo.Quote(x.ValueString()))
		}
		f = pf
	default:
		return nil, ""
	}
	if !f.IsInt() {
		return nil, fmt.Sprintf("%s: must be a whole number, got %s", where, numberText(f))
	}
	i, acc := f.Int64()
	if acc != big.Exact {
		return nil, fmt.Sprintf("%s: must be a whole number that fits in 64 bits, got %s", where, numberText(f))
	}
	if problem := wholeNumberProblem(f); problem != "" {
		return nil, fmt.Sprintf("%s: %s, got %d", where, strings.TrimPrefix(problem, "that is "), i)
	}
	return types.Int64Value(i), ""
}

// convertNumber takes a number, or a string that is one; nil and no problem
// when neither applies.
func convertNumber(v attr.Value, where string) (attr.Value, string) {
	switch x := v.(type) {
	case basetypes.NumberValue:
		return x, ""
	case basetypes.Int64Value:
		return types.NumberValue(new(big.Float).SetInt64(x.ValueInt64())), ""
	case basetypes.StringValue:
		f, _, err := big.ParseFloat(strings.TrimSpace(x.ValueString()), 10, 512, big.ToNearestEven)
		if err != nil {
			return nil, fmt.Sprintf("%s: must be a number, got the string %s", where, echo.Quote(x.ValueString()))
		}
		return types.NumberValue(f), ""
	}
	return nil, ""
}

// convertString takes a string, and writes a number or a bool as one; nil
// when none applies.
func convertString(v attr.Value) attr.Value {
	switch x := v.(type) {
	case basetypes.StringValue:
		return x
	case basetypes.NumberValue:
		return types.StringValue(x.ValueBigFloat().Text('f', -1))
	case basetypes.BoolValue:
		return types.StringValue(strconv.FormatBool(x.ValueBool()))
	}
	return nil
}

// convertObject converts the given attributes of an object or map to an
// object of type want; left-out attributes are null, unknown names an error.
func convertObject(ctx context.Context, given map[string]attr.Value, want basetypes.ObjectType, where string) (attr.Value, bool, string) {
	names := slices.Sorted(maps.Keys(want.AttrTypes))
	for _, k := range slices.Sorted(maps.Keys(given)) {
		if _, ok := want.AttrTypes[k]; !ok {
			msg := where + ": unknown attribute " + echo.Quote(k)
			if s := closestKey(k, names); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			return nil, false, msg + "; valid attributes are " + strings.Join(names, ", ")
		}
	}
	vals := make(map[string]attr.Value, len(want.AttrTypes))
	anyUnknown := false
	for _, k := range names {
		cv, unknown, problem := convertOption(ctx, given[k], want.AttrTypes[k], where+"."+k)
		if problem != "" {
			return nil, false, problem
		}
		anyUnknown = anyUnknown || unknown
		vals[k] = cv
	}
	obj, diags := types.ObjectValue(want.AttrTypes, vals)
	if diags.HasError() {
		return nil, false, where + ": " + diags[0].Detail()
	}
	return obj, anyUnknown, ""
}

// listElements is the elements of a tuple, list or set.
func listElements(v attr.Value) ([]attr.Value, bool) {
	switch x := v.(type) {
	case basetypes.TupleValue:
		return x.Elements(), true
	case basetypes.ListValue:
		return x.Elements(), true
	case basetypes.SetValue:
		return x.Elements(), true
	}
	return nil, false
}

// convertList converts each element to a list of type want.
func convertList(ctx context.Context, elems []attr.Value, want basetypes.ListType, where string) (attr.Value, bool, string) {
	out := make([]attr.Value, len(elems))
	anyUnknown := false
	for i, e := range elems {
		cv, unknown, problem := convertOption(ctx, e, want.ElemType, fmt.Sprintf("%s[%d]", where, i))
		if problem != "" {
			return nil, false, problem
		}
		anyUnknown = anyUnknown || unknown
		out[i] = cv
	}
	l, diags := types.ListValue(want.ElemType, out)
	if diags.HasError() {
		return nil, false, where + ": " + diags[0].Detail()
	}
	return l, anyUnknown, ""
}

// numberText writes a number for a message. The exact decimal form of a number
// far outside float64's range has millions of digits and takes minutes to
// compute (a string option such as "1e-99999999" hung the call), so such a
// number is written as its power of ten.
func numberText(f *big.Float) string {
	if v, _ := f.Float64(); f.IsInf() || (!math.IsInf(v, 0) && (v != 0 || f.Sign() == 0)) {
		return f.Text('g', -1)
	}
	mant := new(big.Float)
	exp := f.MantExp(mant) // f = mant x 2^exp, 0.5 <= |mant| < 1
	m, _ := mant.Float64()
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return fmt.Sprintf("about %s1e%d", sign, int64(math.Round(math.Log10(m)+float64(exp)*math.Log10(2))))
}

// elementsOf is the attributes of an object or the elements of a map.
func elementsOf(v attr.Value) (map[string]attr.Value, bool) {
	switch x := v.(type) {
	case basetypes.ObjectValue:
		return x.Attributes(), true
	case basetypes.MapValue:
		return x.Elements(), true
	}
	return nil, false
}

// typedValue builds a value of type t from a Terraform value; the zero
// tftypes.Value gives null.
func typedValue(ctx context.Context, t attr.Type, tv tftypes.Value) (attr.Value, error) {
	if tv.Type() == nil {
		tv = tftypes.NewValue(t.TerraformType(ctx), nil)
	}
	return t.ValueFromTerraform(ctx, tv)
}

// typeName is a Terraform type name as users write it.
func typeName(t attr.Type) string {
	switch t.(type) {
	case basetypes.StringType:
		return "string"
	case basetypes.BoolType:
		return "bool"
	case basetypes.Int64Type, wholeNumberType:
		return "whole number"
	case basetypes.NumberType, basetypes.Float64Type:
		return "number"
	case basetypes.ObjectType:
		return "object"
	case basetypes.MapType:
		return "map"
	case basetypes.ListType:
		return "list"
	case basetypes.TupleType:
		return "tuple"
	case basetypes.SetType:
		return "set"
	}
	return t.String()
}

// withArticle puts "a" or "an" before a type name: "a string", "an object".
func withArticle(name string) string {
	if name != "" && strings.ContainsRune("aeiou", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// closestKey suggests the valid key nearest to a misspelt one (at most two
// edits), or "".
func closestKey(key string, keys []string) string {
	const maxEdits = 2
	best, bestD := "", maxEdits+1
	for _, k := range keys {
		if d := ec2data.EditDistance(key, k, maxEdits); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// funcCall says where the inputs of one function call come from, so that the
// core's problems are reported on the argument that carries them: a field of
// an *sizing.InputError or a sizing.Warning names a positional parameter
// ("instance_type", "cidr_block") or an option ("max_eni",
// "pod_subnets[0].cidr_block"), or nothing (the whole call).
type funcCall struct {
	// dataSource names the data source whose answer the function gives, for
	// the warnings-as-errors text ("ekssize_max_pods").
	dataSource string
	// positional maps a top-level field name to the argument that carries it
	// ("instance_type" -> 0).
	positional map[string]int64
	opts       funcOptions
	optsPos    int64
	optsGiven  bool
	// strict makes the core's warnings errors (the strict option).
	strict bool
}

// fail is the one mapping from the core's answer problems to a function
// error: with strict each warning (see warningsPolicy), then the errors; nil
// when there are none.
func (c funcCall) fail(warns []sizing.Warning, errs ...error) *function.FuncError {
	var out *function.FuncError
	for _, w := range warns {
		if !c.strict {
			break
		}
		out = function.ConcatFuncErrors(out, c.at(w.Field, fmt.Sprintf(
			"%s: %s (the %s data source gives this as a warning; strict = true makes it an error)",
			w.Summary, w.Detail, c.dataSource)))
	}
	for _, err := range errs {
		if err == nil {
			continue
		}
		var ie *sizing.InputError
		if errors.As(err, &ie) {
			// Functions take no instance object: where the core's advice
			// needs one, it words the error for functions too (FunctionMsg).
			msg := ie.Msg
			if ie.FunctionMsg != "" {
				msg = ie.FunctionMsg
			}
			out = function.ConcatFuncErrors(out, c.at(ie.Field, msg))
		} else {
			out = function.ConcatFuncErrors(out, c.at("", err.Error()))
		}
	}
	return out
}

// at attaches text to the argument that carries field.
func (c funcCall) at(field, text string) *function.FuncError {
	// Terraform ends function errors with its own full stop.
	text = strings.TrimSuffix(strings.TrimSpace(text), ".")
	root := field
	if i := strings.IndexAny(root, ".["); i >= 0 {
		root = root[:i]
	}
	if root == "" {
		return function.NewFuncError(text)
	}
	if pos, ok := c.positional[root]; ok {
		return function.NewArgumentFuncError(pos, text)
	}
	if c.opts.has(root) {
		text = "options." + field + ": " + strings.TrimPrefix(text, field+": ")
		if c.optsGiven {
			return function.NewArgumentFuncError(c.optsPos, text)
		}
	}
	return function.NewFuncError(text)
}

// instanceTypeParameter is the leading instance_type parameter of most
// functions. Terraform rejects null ("argument must not be null") before the
// call.
func instanceTypeParameter() function.StringParameter {
	return function.StringParameter{
		Name: "instance_type",
		MarkdownDescription: "EC2 instance type from the embedded table, such as `m5.large`. An unknown name is an error " +
			"that suggests the closest known types.",
	}
}

// nullArgError is the error for a null positional argument.
func nullArgError(pos int64, name, hint string) *function.FuncError {
	return function.NewArgumentFuncError(pos, fmt.Sprintf("%s is null; %s", name, hint))
}

// instance reads the instance_type argument at pos. Functions take only
// types from the table (there is no instance object among their options), so
// an unknown name's error suggests the data sources that take one
// (sizing.TableInstance).
func (c funcCall) instance(pos int64, name types.String) (ec2data.Instance, *function.FuncError) {
	if name.IsNull() {
		return ec2data.Instance{}, nullArgError(pos, "instance_type", `give an EC2 instance type such as "m5.large"`)
	}
	in, err := sizing.TableInstance(name.ValueString())
	if err != nil {
		return ec2data.Instance{}, c.fail(nil, err)
	}
	return in, nil
}
