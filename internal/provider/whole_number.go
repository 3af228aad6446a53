package provider

import (
	"context"
	"fmt"
	"maps"
	"math/big"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Whole-number inputs.
//
// Terraform hands a data source any number for a whole-number attribute
// (2.5, 1e20). The framework's own Int64 type fails to convert such a value
// with "This is always an error in the provider ... %!s(*big.Float=2.5)",
// at `terraform validate` and again at read. Every whole-number input
// attribute therefore has the type wholeNumber: an Int64 that converts a
// number it cannot hold to unknown instead of failing, and checkWholeNumbers,
// run on the raw configuration by getConfig (so by every Read and
// ValidateConfig), reports that number in plain words on its attribute. The
// unknown never reaches a computation: the check's error stops the read.
//
// The same check bounds inputs at maxWhole, the bound clampInt saturates at,
// so a value beyond it is reported as typed rather than as the bound.

// maxWhole is the largest magnitude a whole-number input may have: far beyond
// any meaningful count, and small enough that the core's arithmetic on it
// cannot overflow (see clampInt).
const maxWhole = clampLimit

type wholeNumberType struct{ basetypes.Int64Type }

// wholeNumber is the CustomType of every whole-number input attribute.
var wholeNumber = wholeNumberType{}

func (t wholeNumberType) ValueFromTerraform(ctx context.Context, v tftypes.Value) (attr.Value, error) {
	if v.IsKnown() && !v.IsNull() && v.Type().Is(tftypes.Number) {
		var f *big.Float
		if err := v.As(&f); err == nil && f != nil && wholeNumberProblem(f) != "" {
			return types.Int64Unknown(), nil // reported by checkWholeNumbers
		}
	}
	return t.Int64Type.ValueFromTerraform(ctx, v)
}

// Validate leaves a number Int64 cannot hold to checkWholeNumbers, which
// reports it in the provider's words; the framework's Int64 check would add
// "Value %!s(*big.Float=2.5) is not an integer".
func (t wholeNumberType) Validate(ctx context.Context, v tftypes.Value, p path.Path) diag.Diagnostics {
	if v.IsKnown() && !v.IsNull() && v.Type().Is(tftypes.Number) {
		var f *big.Float
		if err := v.As(&f); err == nil && f != nil && wholeNumberProblem(f) != "" {
			return nil
		}
	}
	return t.Int64Type.Validate(ctx, v, p)
}

// Equal accepts the plain Int64 type too: values of this type are plain Int64
// values.
func (t wholeNumberType) Equal(o attr.Type) bool {
	switch o.(type) {
	case wholeNumberType, basetypes.Int64Type:
		return true
	}
	return false
}

func (t wholeNumberType) String() string { return "provider.wholeNumberType" }

// wholeNumberProblem says what is wrong with f as a whole-number input, or "".
func wholeNumberProblem(f *big.Float) string {
	switch {
	case f.IsInf() || !f.IsInt():
		return "it must be a whole number"
	case f.Cmp(new(big.Float).SetInt64(maxWhole)) > 0:
		return fmt.Sprintf("that is more than any value this provider takes (whole numbers up to %d)", int64(maxWhole))
	case f.Cmp(new(big.Float).SetInt64(-maxWhole)) < 0:
		return fmt.Sprintf("that is less than any value this provider takes (whole numbers down to -%d)", int64(maxWhole))
	}
	return ""
}

// wholeNumberText writes a number as the user typed it: whole numbers in full
// (up to 2^256; beyond that numberText's power of ten), fractions as the
// shortest decimal that reads back the same.
func wholeNumberText(f *big.Float) string {
	if f.IsInt() && !f.IsInf() && f.MantExp(nil) <= 256 {
		return f.Text('f', 0)
	}
	return numberText(f)
}

// checkWholeNumbers reports every known whole-number attribute in the raw
// value v of type typ (a schema's type) that wholeNumberProblem rejects, on
// its attribute path.
func checkWholeNumbers(typ attr.Type, v tftypes.Value, p path.Path, diags *diag.Diagnostics) {
	if !v.IsKnown() || v.IsNull() {
		return
	}
	switch t := typ.(type) {
	case wholeNumberType:
		var f *big.Float
		if err := v.As(&f); err != nil || f == nil {
			return
		}
		if problem := wholeNumberProblem(f); problem != "" {
			diags.AddAttributeError(p, "Invalid number", fmt.Sprintf("%s is %s; %s", p, wholeNumberText(f), problem))
		}
	case attr.TypeWithAttributeTypes:
		var vals map[string]tftypes.Value
		if v.As(&vals) != nil {
			return
		}
		for name, at := range t.AttributeTypes() {
			if ev, ok := vals[name]; ok {
				checkWholeNumbers(at, ev, p.AtName(name), diags)
			}
		}
	case basetypes.ListType:
		var elems []tftypes.Value
		if v.As(&elems) != nil {
			return
		}
		for i, e := range elems {
			checkWholeNumbers(t.ElemType, e, p.AtListIndex(i), diags)
		}
	case basetypes.MapType:
		var elems map[string]tftypes.Value
		if v.As(&elems) != nil {
			return
		}
		for k, e := range elems {
			checkWholeNumbers(t.ElemType, e, p.AtMapKey(k), diags)
		}
	}
}

// Empty strings.
//
// An optional string setting that is left out (or null) takes its default;
// the core cannot tell an empty string from a left-out one, so without this
// check `launch_path = ""` or `cap_policy = ""` silently meant the default.
// getConfig (so every Read and ValidateConfig) and the function options
// report it instead. instance_type and max_pods_expression have no default
// and their own message for "" (the core's), so they are left to it.
var emptyStringOwnMessage = map[string]bool{"instance_type": true, "max_pods_expression": true}

// emptyStringProblem is the problem of an empty string given for the
// optional string setting name; "" when s is not empty.
func emptyStringProblem(name, s string) string {
	if s != "" || emptyStringOwnMessage[name] {
		return ""
	}
	return fmt.Sprintf(`%s is ""; an empty string is not one of its values: leave %s out (or null) for its default, or give a value`, name, name)
}

// checkEmptyStrings reports the optional string attributes of a
// configuration given as "", at any depth: in blocks on their own path, and
// in nested attributes (the checked objects, once shaped) on the argument or
// its list element, the deepest path Terraform can show inside a dynamic
// value (see checked_object.go), with the full name in the message.
func checkEmptyStrings(s any, raw tftypes.Value, diags *diag.Diagnostics) {
	ds, ok := s.(schema.Schema)
	if !ok {
		return
	}
	checkEmptyStringsIn(ds.Attributes, ds.Blocks, raw, path.Empty(), "", false, diags)
}

// checkEmptyStringsIn walks one object; inDynamic keeps the diagnostic path
// at the checked object (or its element) that holds it.
func checkEmptyStringsIn(attrs map[string]schema.Attribute, blocks map[string]schema.Block, raw tftypes.Value, at path.Path, prefix string, inDynamic bool, diags *diag.Diagnostics) {
	if !raw.IsKnown() || raw.IsNull() {
		return
	}
	var vals map[string]tftypes.Value
	if raw.As(&vals) != nil {
		return
	}
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		p, label := at, prefix+name
		if !inDynamic {
			p = at.AtName(name)
		}
		switch a := attrs[name].(type) {
		case schema.StringAttribute:
			var str string
			if v := vals[name]; !a.IsOptional() || !v.IsKnown() || v.IsNull() || v.As(&str) != nil {
				continue
			}
			if problem := emptyStringProblem(label, str); problem != "" {
				diags.AddAttributeError(p, "Invalid "+label, problem)
			}
		case schema.SingleNestedAttribute:
			checkEmptyStringsIn(a.Attributes, nil, vals[name], p, label+".", true, diags)
		case schema.ListNestedAttribute:
			forEachElement(vals[name], func(i int, e tftypes.Value) {
				ep := p
				if !inDynamic {
					ep = p.AtListIndex(i)
				}
				checkEmptyStringsIn(a.NestedObject.Attributes, nil, e, ep, fmt.Sprintf("%s[%d].", label, i), true, diags)
			})
		}
	}
	for _, name := range slices.Sorted(maps.Keys(blocks)) {
		p, label := at.AtName(name), prefix+name
		switch b := blocks[name].(type) {
		case schema.SingleNestedBlock:
			checkEmptyStringsIn(b.Attributes, b.Blocks, vals[name], p, label+".", false, diags)
		case schema.ListNestedBlock:
			forEachElement(vals[name], func(i int, e tftypes.Value) {
				checkEmptyStringsIn(b.NestedObject.Attributes, b.NestedObject.Blocks, e, p.AtListIndex(i), fmt.Sprintf("%s[%d].", label, i), false, diags)
			})
		}
	}
}

// forEachElement calls f with each element of a known list value.
func forEachElement(v tftypes.Value, f func(int, tftypes.Value)) {
	var elems []tftypes.Value
	if !v.IsKnown() || v.IsNull() || v.As(&elems) != nil {
		return
	}
	for i, e := range elems {
		f(i, e)
	}
}
