package provider

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Object arguments whose attribute names the provider checks (issue 14 item
// 12).
//
// Terraform converts the value of an object-typed argument (a nested
// attribute such as `reserved = { ... }` or `subnets = [{ ... }]`) to the
// schema's object type before the provider sees it, and that conversion drops
// attributes the type does not have without a word
// (https://github.com/hashicorp/terraform/issues/33570). A misspelt
// `application_loadbalancers = 10` therefore vanished and the read answered
// `fits = true`.
//
// Such arguments are declared as a checkedObjectAttribute: to Terraform a
// dynamic attribute, so the value arrives exactly as written, with every name;
// to the provider a nested attribute literal (shape), which says the names,
// types and descriptions. getConfig and knownConfig (so every Read and
// ValidateConfig, at `terraform validate`) first convert each such value to its
// shape with convertOption, the conversion the options objects of the
// functions already use: the same type conversions Terraform makes (a string
// "2" for a number, omitted optional attributes null), and an unknown name is
// an error on the argument that names the closest valid one. Everything after
// that sees the schema with the shapes in place, so the models and the rules
// are those of the nested attributes. setState writes the shaped values back
// as the dynamic attribute's value, so `data.x.reserved.fargate_pods` reads as
// before.
//
// The price: Terraform no longer checks these values' types itself (the
// provider does, in the same words as for function options), and the
// generated docs show the type as Dynamic, so the description lists the
// attributes (shapeDescription).

// checkedObjectAttribute is an object or list-of-objects argument whose
// attribute names the provider checks; see above.
type checkedObjectAttribute struct {
	schema.DynamicAttribute
	// shape is the schema.SingleNestedAttribute or schema.ListNestedAttribute
	// the value must have.
	shape schema.Attribute
}

// checkedObject declares shape, a nested attribute literal, as an argument
// whose attribute names are checked.
func checkedObject(shape schema.Attribute) checkedObjectAttribute {
	switch shape.(type) {
	case schema.SingleNestedAttribute, schema.ListNestedAttribute:
	default:
		panic(fmt.Sprintf("provider: checkedObject takes a single or list nested attribute, not %T", shape))
	}
	return checkedObjectAttribute{
		DynamicAttribute: schema.DynamicAttribute{
			Required:            shape.IsRequired(),
			Optional:            shape.IsOptional(),
			Computed:            shape.IsComputed(),
			Sensitive:           shape.IsSensitive() || holdsSensitive(shape),
			DeprecationMessage:  shape.GetDeprecationMessage(),
			MarkdownDescription: shapeDescription(shape),
		},
		shape: shape,
	}
}

// holdsSensitive is whether an attribute of the shape is sensitive: a
// dynamic attribute cannot mark a part of its value sensitive, so the whole
// argument is (the cluster's certificate authority makes `cluster` sensitive).
func holdsSensitive(shape schema.Attribute) bool {
	for _, a := range shapeAttributes(shape) {
		if a.IsSensitive() {
			return true
		}
	}
	return false
}

// shapeDescription is the shape's description followed by its attributes as a
// nested Markdown list (the generated docs show a dynamic attribute's type as
// Dynamic and list no nested schema).
func shapeDescription(shape schema.Attribute) string {
	var b strings.Builder
	b.WriteString(shape.GetMarkdownDescription())
	attrs := shapeAttributes(shape)
	if _, list := shape.(schema.ListNestedAttribute); list {
		b.WriteString(" A list of objects, each with these attributes")
	} else {
		b.WriteString(" An object with these attributes")
	}
	b.WriteString(" (any other name is an error: the provider checks the names, because Terraform would drop a misspelt one):")
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		a := attrs[k]
		need := "optional"
		if a.IsRequired() {
			need = "required"
		}
		fmt.Fprintf(&b, "\n  - `%s` (%s, %s) %s", k, typeName(a.GetType()), need, a.GetMarkdownDescription())
	}
	return b.String()
}

// shapeAttributes is the attributes of each object of a shape.
func shapeAttributes(shape schema.Attribute) map[string]schema.Attribute {
	switch s := shape.(type) {
	case schema.SingleNestedAttribute:
		return s.Attributes
	case schema.ListNestedAttribute:
		return s.NestedObject.Attributes
	}
	return nil
}

// unshaped is a schema attribute as the provider's code sees it: the shape of
// a checked object, any other attribute as it is.
func unshaped(a schema.Attribute) schema.Attribute {
	if c, ok := a.(checkedObjectAttribute); ok {
		return c.shape
	}
	return a
}

// shapedSchema is s (a tfsdk.Config's or tfsdk.State's schema) with each
// checked object replaced by its shape, and the names of those attributes;
// no names when it has none. The result is shared: do not modify it.
func shapedSchema(s any) (schema.Schema, []string) {
	e := shapedSchemaOf(s)
	return e.shaped, e.names
}

// shapedSchemas caches shapedSchema's work per schema: the framework keeps one
// schema per data source for the life of the server, so every validate and
// read would otherwise clone its attribute map and rebuild its type. The key is
// the identity of the schema's attribute map; the entry holds that map, so its
// address cannot be reused by another map while the entry exists. Tests build
// schemas by the thousand: past shapedSchemasMax entries the cache starts
// again, so it stays small.
var (
	shapedSchemas      sync.Map // uintptr -> *shapedEntry
	shapedSchemasCount atomic.Int64
)

const shapedSchemasMax = 64

type shapedEntry struct {
	attrs  map[string]schema.Attribute // the key's map, kept alive
	shaped schema.Schema
	names  []string
	typ    tftypes.Type // shaped's Terraform type (nil when names is nil)
	// The schema's own type and Terraform type, which the framework builds
	// anew on every Type() call.
	schemaType attr.Type
	schemaTF   tftypes.Type
	// shapes holds, per checked object, its shape's Terraform type and the
	// type a configuration is converted to (numbersAsTerraform).
	shapes map[string]shapeTypes
}

type shapeTypes struct {
	tf     tftypes.Type
	config attr.Type
}

// schemaTypes returns s.Type() and its Terraform type, built once per data
// source schema (see shapedSchemas); other schemas build them each time.
func schemaTypes(ctx context.Context, s interface{ Type() attr.Type }) (attr.Type, tftypes.Type) {
	if ds, ok := s.(schema.Schema); ok {
		e := shapedSchemaOf(ds)
		return e.schemaType, e.schemaTF
	}
	t := s.Type()
	return t, t.TerraformType(ctx)
}

func shapedSchemaOf(s any) *shapedEntry {
	ds, ok := s.(schema.Schema)
	if !ok {
		return &shapedEntry{}
	}
	// The attribute map identifies a schema only when it is the whole
	// schema: a schema with blocks (or no attribute map) is built each time,
	// so two schemas sharing an attribute map never share a type.
	cacheable := len(ds.Blocks) == 0 && ds.Attributes != nil
	key := reflect.ValueOf(ds.Attributes).Pointer()
	if e, ok := shapedSchemas.Load(key); cacheable && ok && len(e.(*shapedEntry).attrs) == len(ds.Attributes) {
		return e.(*shapedEntry)
	}
	e := &shapedEntry{attrs: ds.Attributes, shaped: ds, schemaType: ds.Type()}
	e.schemaTF = e.schemaType.TerraformType(context.Background())
	for name, a := range ds.Attributes {
		if _, ok := a.(checkedObjectAttribute); ok {
			e.names = append(e.names, name)
		}
	}
	if e.names != nil {
		slices.Sort(e.names)
		attrs := maps.Clone(ds.Attributes)
		for _, name := range e.names {
			attrs[name] = unshaped(attrs[name])
		}
		e.shaped.Attributes = attrs
		e.shapes = make(map[string]shapeTypes, len(e.names))
		for _, name := range e.names {
			t := attrs[name].GetType()
			e.shapes[name] = shapeTypes{tf: t.TerraformType(context.Background()), config: numbersAsTerraform(t)}
		}
		e.typ = e.shaped.Type().TerraformType(context.Background())
	}
	if !cacheable {
		return e
	}
	if shapedSchemasCount.Add(1) > shapedSchemasMax {
		shapedSchemas.Clear()
		shapedSchemasCount.Store(1)
	}
	shapedSchemas.Store(key, e)
	return e
}

// shapeConfig converts the checked objects of a configuration to their
// shapes; see the top of this file. Values not known yet stay unknown (with
// their known parts converted and checked), so ValidateConfig checks what is
// known. A problem is an error on the argument, and the returned
// configuration is then not to be used.
func shapeConfig(ctx context.Context, config tfsdk.Config) (tfsdk.Config, diag.Diagnostics) {
	e := shapedSchemaOf(config.Schema)
	shaped, names := e.shaped, e.names
	if names == nil {
		return config, nil
	}
	out := tfsdk.Config{Schema: shaped}
	shapedType := e.typ
	raw := config.Raw
	if raw.Type() == nil || raw.IsNull() || !raw.IsKnown() {
		out.Raw = tftypes.NewValue(shapedType, nil)
		if raw.Type() != nil && !raw.IsKnown() {
			out.Raw = tftypes.NewValue(shapedType, tftypes.UnknownValue)
		}
		return out, nil
	}
	var vals map[string]tftypes.Value
	if err := raw.As(&vals); err != nil {
		var diags diag.Diagnostics
		diags.AddError("Invalid configuration", "internal error: "+err.Error())
		return out, diags
	}
	vals = maps.Clone(vals) // As shares its map with the value
	var diags diag.Diagnostics
	for _, name := range names {
		v, problem := conformToShape(ctx, vals[name], shaped.Attributes[name], e.shapes[name], name)
		if problem != "" {
			diags.AddAttributeError(problemPath(problem, name), "Invalid "+name, problem)
			continue
		}
		vals[name] = v
	}
	if diags.HasError() {
		return out, diags
	}
	out.Raw = tftypes.NewValue(shapedType, vals)
	return out, nil
}

// conformToShape converts the value of a checked object, as Terraform sent it
// for a dynamic attribute, to the shape's type.
func conformToShape(ctx context.Context, v tftypes.Value, want schema.Attribute, st shapeTypes, name string) (tftypes.Value, string) {
	wantType := st.tf
	if v.Type() == nil || v.IsNull() {
		return tftypes.NewValue(wantType, nil), ""
	}
	if !v.IsKnown() {
		return tftypes.NewValue(wantType, tftypes.UnknownValue), ""
	}
	dv, err := types.DynamicType.ValueFromTerraform(ctx, v)
	if err != nil {
		return tftypes.Value{}, name + ": " + err.Error()
	}
	// Whole numbers are converted as numbers: checkWholeNumbers then reports
	// a fraction on its own attribute, in the same words as anywhere else.
	cv, _, problem := convertOption(ctx, dv, st.config, name)
	if problem == "" {
		problem = missingRequired(want, cv, name)
	}
	if problem != "" {
		return tftypes.Value{}, problem
	}
	tv, err := cv.ToTerraformValue(ctx)
	if err != nil {
		return tftypes.Value{}, name + ": " + err.Error()
	}
	return tv, ""
}

// unshapeState turns a state written against the shaped schema into one of
// the data source's own schema: each checked object's value becomes the
// dynamic attribute's value (a null one a dynamic null).
func unshapeState(schemaType tftypes.Type, shapedRaw tftypes.Value, names []string) (tftypes.Value, error) {
	var vals map[string]tftypes.Value
	if err := shapedRaw.As(&vals); err != nil {
		return tftypes.Value{}, err
	}
	vals = maps.Clone(vals)
	for _, name := range names {
		if v := vals[name]; v.IsNull() {
			vals[name] = tftypes.NewValue(tftypes.DynamicPseudoType, nil)
		}
	}
	return tftypes.NewValue(schemaType, vals), nil
}

// numbersAsTerraform is t with whole-number attributes as plain numbers: the
// type Terraform checks a configuration against.
func numbersAsTerraform(t attr.Type) attr.Type {
	switch x := t.(type) {
	case wholeNumberType:
		return types.NumberType
	case basetypes.ObjectType:
		ats := map[string]attr.Type{}
		for k, at := range x.AttrTypes {
			ats[k] = numbersAsTerraform(at)
		}
		return types.ObjectType{AttrTypes: ats}
	case basetypes.ListType:
		return types.ListType{ElemType: numbersAsTerraform(x.ElemType)}
	case basetypes.MapType:
		return types.MapType{ElemType: numbersAsTerraform(x.ElemType)}
	}
	return t
}

// problemPathRE matches the location convertOption puts in front of a
// problem ("subnets[0]: unknown attribute ...").
var problemPathRE = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+|\[[0-9]+\])*: `)

// problemPath is the attribute path of a problem of the checked object name:
// the location the problem starts with, cut back to the argument or its list
// element ("subnets[0].cidr_block" -> subnets[0]). Terraform finds the
// configuration line of an element of a dynamic value, but not of an
// attribute inside one (it would show the data block's first line); the
// message names the attribute.
func problemPath(problem, name string) path.Path {
	loc := strings.TrimSuffix(problemPathRE.FindString(problem), ": ")
	if loc == "" || !strings.HasPrefix(loc, name) {
		return path.Root(name)
	}
	if i := strings.IndexByte(loc, '.'); i >= 0 {
		loc = loc[:i]
	}
	return fieldPath(loc)
}

// missingRequired is the problem of a converted nested value that leaves out
// (or sets to null) an attribute its schema requires, in Terraform's words
// for a nested attribute ("attribute \"name\" is required"); "" if none.
func missingRequired(a schema.Attribute, v attr.Value, where string) string {
	if v == nil || v.IsNull() || v.IsUnknown() {
		return ""
	}
	switch s := a.(type) {
	case schema.SingleNestedAttribute:
		return missingIn(s.Attributes, v, where)
	case schema.ListNestedAttribute:
		l, ok := v.(basetypes.ListValue)
		if !ok {
			return ""
		}
		for i, e := range l.Elements() {
			at := fmt.Sprintf("%s[%d]", where, i)
			if e.IsNull() {
				return at + ": must be an object, got null"
			}
			if p := missingIn(s.NestedObject.Attributes, e, at); p != "" {
				return p
			}
		}
	}
	return ""
}

// missingIn checks one object of a nested attribute; see missingRequired.
func missingIn(attrs map[string]schema.Attribute, v attr.Value, where string) string {
	o, ok := v.(basetypes.ObjectValue)
	if !ok || o.IsNull() || o.IsUnknown() {
		return ""
	}
	vals := o.Attributes()
	var missing []string
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		if attrs[k].IsRequired() && (vals[k] == nil || vals[k].IsNull()) {
			missing = append(missing, strconv.Quote(k))
		}
	}
	switch len(missing) {
	case 0:
	case 1:
		return fmt.Sprintf("%s: attribute %s is required", where, missing[0])
	default:
		return fmt.Sprintf("%s: attributes %s and %s are required", where, strings.Join(missing[:len(missing)-1], ", "), missing[len(missing)-1])
	}
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		if p := missingRequired(attrs[k], vals[k], where+"."+k); p != "" {
			return p
		}
	}
	return ""
}
