package provider

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// getConfig and setState are tfsdk.Config.Get and tfsdk.State.Set for the
// models of this package, without the framework's per-call reflection: the
// framework rebuilds each struct's field list on every call and compiles a
// regular expression per field name
// (https://github.com/hashicorp/terraform-plugin-framework/issues/725), which
// was the largest part of the CPU time of an ekssize_max_pods read (see
// BENCHMARKS.md). Here the field list is built once per Go type. Delete this
// file's codec, and check with `BENCH_ABLATE=1 make bench` (variants
// @nocodec), once upstream caches it.
//
// Supported models are structs whose fields, each tagged tfsdk:"name", are
// framework values (types.String, types.Int64, types.List, ...), pointers to
// such structs (single nested attributes, nil when null) or slices of them
// (list nested attributes, nil when null); untagged embedded structs are
// flattened as the framework does. Anything else, any
// mismatch with the schema, an unknown nested object or a schema with blocks
// falls back to the framework's own Get and Set, so results and diagnostics
// never differ from theirs.

func getConfig(ctx context.Context, config tfsdk.Config, target any) diag.Diagnostics {
	// Object arguments whose names the provider checks are converted to their
	// nested attributes first (see checked_object.go).
	config, diags := shapeConfig(ctx, config)
	if diags.HasError() {
		return diags
	}
	// Whole-number inputs Int64 cannot hold are reported in plain words first
	// (see whole_number.go).
	typ, _ := schemaTypes(ctx, config.Schema)
	checkWholeNumbers(typ, config.Raw, path.Empty(), &diags)
	checkEmptyStrings(config.Schema, config.Raw, &diags)
	if diags.HasError() {
		return diags
	}
	if len(config.Schema.GetBlocks()) == 0 {
		rv := reflect.ValueOf(target)
		if rv.Kind() == reflect.Pointer && !rv.IsNil() {
			if c, err := codecFor(rv.Elem().Type()); err == nil {
				if err := c.decode(ctx, typ, config.Raw, rv.Elem()); err == nil {
					return nil
				}
			}
		}
	}
	return config.Get(ctx, target)
}

func setState(ctx context.Context, state *tfsdk.State, model any) diag.Diagnostics {
	e := shapedSchemaOf(state.Schema)
	if e.names == nil {
		return setStateOf(ctx, state, model)
	}
	// The model holds the checked objects as their nested attributes: write
	// it against the shaped schema, then give those values to the dynamic
	// attributes (see checked_object.go).
	tmp := tfsdk.State{Schema: e.shaped, Raw: tftypes.NewValue(e.typ, nil)}
	diags := setStateOf(ctx, &tmp, model)
	if diags.HasError() {
		return diags
	}
	raw, err := unshapeState(e.schemaTF, tmp.Raw, e.names)
	if err != nil {
		diags.AddError("Invalid state", "internal error: "+err.Error())
		return diags
	}
	state.Raw = raw
	return diags
}

func setStateOf(ctx context.Context, state *tfsdk.State, model any) diag.Diagnostics {
	if len(state.Schema.GetBlocks()) == 0 {
		rv := reflect.ValueOf(model)
		if rv.Kind() == reflect.Pointer {
			rv = rv.Elem()
		}
		if rv.Kind() == reflect.Struct {
			if c, err := codecFor(rv.Type()); err == nil {
				typ, tfType := schemaTypes(ctx, state.Schema)
				if v, err := c.encode(ctx, typ, rv); err == nil && v.Type().Equal(tfType) {
					// What State.Set does with a value of the schema's
					// type, without building that type twice more.
					state.Raw = v
					return nil
				}
			}
		}
	}
	return state.Set(ctx, model)
}

type modelField struct {
	name   string
	index  []int
	nested *modelCodec // for a pointer to a struct or a slice of structs
	slice  bool        // a slice of structs
}

type modelCodec struct{ fields []modelField }

var (
	modelCodecs     sync.Map // reflect.Type -> *modelCodec or error
	attrValueType   = reflect.TypeFor[attr.Value]()
	errNotSupported = fmt.Errorf("model not supported by the fast codec")
)

func codecFor(t reflect.Type) (*modelCodec, error) {
	if c, ok := modelCodecs.Load(t); ok {
		if err, isErr := c.(error); isErr {
			return nil, err
		}
		return c.(*modelCodec), nil
	}
	c := &modelCodec{}
	err := c.collect(t, nil)
	if err != nil {
		modelCodecs.Store(t, err)
		return nil, err
	}
	modelCodecs.Store(t, c)
	return c, nil
}

func (c *modelCodec) collect(t reflect.Type, prefix []int) error {
	if t.Kind() != reflect.Struct {
		return errNotSupported
	}
	for i := range t.NumField() {
		f := t.Field(i)
		index := append(append([]int(nil), prefix...), i)
		tag, tagged := f.Tag.Lookup("tfsdk")
		switch {
		case tag == "-":
			continue
		case f.Anonymous && !tagged:
			if err := c.collect(f.Type, index); err != nil {
				return err
			}
			continue
		case !tagged || !f.IsExported():
			return errNotSupported
		}
		mf := modelField{name: tag, index: index}
		switch {
		case f.Type.Implements(attrValueType) && f.Type.Kind() != reflect.Interface:
		case (f.Type.Kind() == reflect.Pointer || f.Type.Kind() == reflect.Slice) && f.Type.Elem().Kind() == reflect.Struct:
			nested, err := codecFor(f.Type.Elem())
			if err != nil {
				return err
			}
			mf.nested, mf.slice = nested, f.Type.Kind() == reflect.Slice
		default:
			return errNotSupported
		}
		c.fields = append(c.fields, mf)
	}
	return nil
}

// attributeTypes checks that the model's fields are exactly the object's
// attributes and returns their types.
func (c *modelCodec) attributeTypes(typ attr.Type) (map[string]attr.Type, error) {
	obj, ok := typ.(attr.TypeWithAttributeTypes)
	if !ok {
		return nil, errNotSupported
	}
	attrTypes := obj.AttributeTypes()
	if len(attrTypes) != len(c.fields) {
		return nil, errNotSupported
	}
	for _, f := range c.fields {
		if _, ok := attrTypes[f.name]; !ok {
			return nil, errNotSupported
		}
	}
	return attrTypes, nil
}

func (c *modelCodec) decode(ctx context.Context, typ attr.Type, raw tftypes.Value, dst reflect.Value) error {
	attrTypes, err := c.attributeTypes(typ)
	if err != nil {
		return err
	}
	var vals map[string]tftypes.Value
	if err := raw.As(&vals); err != nil {
		return err
	}
	for _, f := range c.fields {
		v, ok := vals[f.name]
		if !ok {
			return errNotSupported
		}
		field := dst.FieldByIndex(f.index)
		if f.nested != nil && v.IsNull() {
			field.SetZero()
			continue
		}
		if f.slice {
			elemType, ok := attrTypes[f.name].(attr.TypeWithElementType)
			if !ok {
				return errNotSupported
			}
			var elems []tftypes.Value
			if err := v.As(&elems); err != nil {
				return err
			}
			out := reflect.MakeSlice(field.Type(), len(elems), len(elems))
			for i, e := range elems {
				if err := f.nested.decode(ctx, elemType.ElementType(), e, out.Index(i)); err != nil {
					return err
				}
			}
			field.Set(out)
			continue
		}
		if f.nested != nil {
			p := reflect.New(field.Type().Elem())
			if err := f.nested.decode(ctx, attrTypes[f.name], v, p.Elem()); err != nil {
				return err
			}
			field.Set(p)
			continue
		}
		av, err := attrTypes[f.name].ValueFromTerraform(ctx, v)
		if err != nil {
			return err
		}
		rv := reflect.ValueOf(av)
		if !rv.Type().AssignableTo(field.Type()) {
			return errNotSupported
		}
		field.Set(rv)
	}
	return nil
}

func (c *modelCodec) encode(ctx context.Context, typ attr.Type, src reflect.Value) (tftypes.Value, error) {
	attrTypes, err := c.attributeTypes(typ)
	if err != nil {
		return tftypes.Value{}, err
	}
	vals := make(map[string]tftypes.Value, len(c.fields))
	for _, f := range c.fields {
		field := src.FieldByIndex(f.index)
		if f.nested != nil && field.IsNil() {
			vals[f.name] = tftypes.NewValue(attrTypes[f.name].TerraformType(ctx), nil)
			continue
		}
		if f.slice {
			elemType, ok := attrTypes[f.name].(attr.TypeWithElementType)
			if !ok {
				return tftypes.Value{}, errNotSupported
			}
			elems := make([]tftypes.Value, field.Len())
			for i := range elems {
				e, err := f.nested.encode(ctx, elemType.ElementType(), field.Index(i))
				if err != nil {
					return tftypes.Value{}, err
				}
				elems[i] = e
			}
			listType := attrTypes[f.name].TerraformType(ctx)
			if err := tftypes.ValidateValue(listType, elems); err != nil {
				return tftypes.Value{}, err
			}
			vals[f.name] = tftypes.NewValue(listType, elems)
			continue
		}
		if f.nested != nil {
			v, err := f.nested.encode(ctx, attrTypes[f.name], field.Elem())
			if err != nil {
				return tftypes.Value{}, err
			}
			vals[f.name] = v
			continue
		}
		v, err := field.Interface().(attr.Value).ToTerraformValue(ctx)
		if err != nil {
			return tftypes.Value{}, err
		}
		vals[f.name] = v
	}
	objType := typ.TerraformType(ctx)
	if err := tftypes.ValidateValue(objType, vals); err != nil {
		return tftypes.Value{}, err
	}
	return tftypes.NewValue(objType, vals), nil
}

// objectFrom is types.ObjectValueFrom for the flat models getConfig supports
// (no nested structs), without the framework's reflection.
func objectFrom(ctx context.Context, typ types.ObjectType, model any) (types.Object, diag.Diagnostics) {
	rv := reflect.ValueOf(model)
	if rv.Kind() == reflect.Struct {
		if c, err := codecFor(rv.Type()); err == nil {
			if _, err := c.attributeTypes(typ); err == nil {
				vals := make(map[string]attr.Value, len(c.fields))
				flat := true
				for _, f := range c.fields {
					if f.nested != nil {
						flat = false
						break
					}
					vals[f.name] = rv.FieldByIndex(f.index).Interface().(attr.Value)
				}
				if flat {
					// ObjectValue checks every value's type against typ.
					return types.ObjectValue(typ.AttrTypes, vals)
				}
			}
		}
	}
	return types.ObjectValueFrom(ctx, typ.AttrTypes, model)
}
