package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

// ValidateConfig of the data sources (issue 14 item 11).
//
// Terraform calls it at `terraform validate` and first thing in a plan, before
// anything is created. A data source whose configuration holds a value not
// known until apply is read only at apply, so without it every mistake in such
// a configuration surfaced after other resources had been created.
//
// The checks are the core's own; nothing is checked twice in two ways:
//   - A configuration that is wholly known runs the same computation as Read
//     (the core function the data source calls) and reports its errors; its
//     warnings are left to Read, which reports them with the answer.
//   - Otherwise each check runs whose inputs are all known: the instance
//     (sizing.ResolveInstance, the instance_types lookups), the networking and
//     warm target settings (Networking.Validate, WarmTargets.Validate), each
//     subnet whose CIDR is known (sizing.ParseSubnet), the cluster fields one by
//     one, the kube_reserved / system_reserved quantities and the eviction
//     thresholds. Networking and warm targets are checked with unknown settings
//     at their defaults: their checks fail only on a value that is set (a bad
//     name, a number out of range, a combination such as IPv6 with custom
//     networking), never because another setting has its default, so a check
//     on known values never fails for a value that is still unknown. Checks
//     that combine a known value with an unknown one (pods against max pods, a
//     subnet's room for the nodes) wait for Read.

var (
	_ datasource.DataSourceWithValidateConfig = (*instanceTypeDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*maxPodsDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*subnetCapacityDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*nodeConfigDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*maxPodsExpressionDataSource)(nil)
)

// ekssize_cluster_ip_plan and ekssize_nodepool have their own ValidateConfig
// beside their Read.

// knownConfig decodes a configuration that may hold unknown values into
// target. Unknown strings, numbers, bools and lists of them stay unknown in
// target; an object or list of objects that is or holds an unknown value is
// null in target and its top-level attribute is in the returned set, so a
// check does not mistake it for "not given". full is whether every value is
// known.
func knownConfig(ctx context.Context, config tfsdk.Config, target any, diags *diag.Diagnostics) (unknown map[string]bool, full, ok bool) {
	unknown = map[string]bool{}
	// Checked objects first, so their unknown parts are scrubbed like those of
	// any nested attribute (see checked_object.go).
	config, d := shapeConfig(ctx, config)
	diags.Append(d...)
	if d.HasError() {
		return unknown, false, false
	}
	raw := config.Raw
	full = raw.IsFullyKnown()
	if !full && raw.IsKnown() && !raw.IsNull() {
		var attrs map[string]tftypes.Value
		if err := raw.As(&attrs); err == nil {
			// As shares its map with the value: write a new one.
			scrubbed := make(map[string]tftypes.Value, len(attrs))
			for name, v := range attrs {
				nv, had := scrubUnknown(v)
				unknown[name] = had
				scrubbed[name] = nv
			}
			raw = tftypes.NewValue(raw.Type(), scrubbed)
		}
	}
	d = getConfig(ctx, tfsdk.Config{Schema: config.Schema, Raw: raw}, target)
	diags.Append(d...)
	return unknown, full, !d.HasError()
}

// scrubUnknown replaces every unknown object and list of objects in v by null
// (the models hold those as Go structs, which cannot be unknown); had is
// whether v holds any unknown value.
func scrubUnknown(v tftypes.Value) (out tftypes.Value, had bool) {
	if v.IsFullyKnown() {
		return v, false
	}
	if !v.IsKnown() {
		if holdsObjects(v.Type()) {
			return tftypes.NewValue(v.Type(), nil), true
		}
		return v, true
	}
	switch t := v.Type().(type) {
	case tftypes.Object:
		var attrs map[string]tftypes.Value
		if err := v.As(&attrs); err != nil {
			return v, true
		}
		scrubbed := make(map[string]tftypes.Value, len(attrs))
		for name, a := range attrs {
			scrubbed[name], _ = scrubUnknown(a)
		}
		return tftypes.NewValue(t, scrubbed), true
	case tftypes.List:
		var elems []tftypes.Value
		if err := v.As(&elems); err != nil {
			return v, true
		}
		scrubbed := make([]tftypes.Value, len(elems))
		for i, e := range elems {
			if !e.IsKnown() && holdsObjects(e.Type()) {
				// An element not known at all: the whole list waits.
				return tftypes.NewValue(t, nil), true
			}
			scrubbed[i], _ = scrubUnknown(e)
		}
		return tftypes.NewValue(t, scrubbed), true
	default:
		if holdsObjects(v.Type()) {
			// A list of objects with an unknown inside: the whole list waits.
			return tftypes.NewValue(v.Type(), nil), true
		}
		return v, true
	}
}

func holdsObjects(t tftypes.Type) bool {
	switch x := t.(type) {
	case tftypes.Object:
		return true
	case tftypes.List:
		return holdsObjects(x.ElementType)
	case tftypes.Set:
		return holdsObjects(x.ElementType)
	case tftypes.Map:
		return holdsObjects(x.ElementType)
	}
	return false
}

// partialConfig is the start every ValidateConfig of a data source whose
// model answers its own question shares: decode what is known into m; a
// wholly known configuration runs answer (what Read runs) and keeps its
// errors, its warnings left to Read, which reports them with the answer.
// check is true when the configuration holds unknown values and the checks of
// the known ones are to run; unknown names the object arguments that hold
// them (see knownConfig).
func partialConfig(ctx context.Context, config tfsdk.Config, m any, diags *diag.Diagnostics, answer func(*diag.Diagnostics) bool) (unknown map[string]bool, check bool) {
	unknown, full, ok := knownConfig(ctx, config, m, diags)
	if !ok {
		return nil, false
	}
	if !full {
		return unknown, true
	}
	var all diag.Diagnostics
	answer(&all)
	for _, d := range all {
		if d.Severity() == diag.SeverityError {
			diags.Append(d)
		}
	}
	return nil, false
}

// readAnswer is the Read of those data sources: decode the configuration
// into m, answer, store m as the state.
func readAnswer(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse, m any, answer func(*diag.Diagnostics) bool) {
	resp.Diagnostics.Append(getConfig(ctx, req.Config, m)...)
	if resp.Diagnostics.HasError() || !answer(&resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, m)...)
}

// validateKnown checks the instance group when it is known. batch is whether
// instance_types (ekssize_max_pods) is set or unknown: the instance is then
// checked by the batch.
func (m instanceModel) validateKnown(unknown map[string]bool, diags *diag.Diagnostics) {
	if m.InstanceType.IsUnknown() || unknown["instance"] {
		return
	}
	if m.Instance != nil {
		for _, v := range []interface{ IsUnknown() bool }{m.Instance.NetworkInterfaces, m.Instance.IPv4AddressesPerInterface,
			m.Instance.VCPUs, m.Instance.Hypervisor, m.Instance.BareMetal, m.Instance.MemorySize, m.Instance.Architecture} {
			if v.IsUnknown() {
				return
			}
		}
	}
	if _, err := m.resolve(); err != nil {
		addCoreError(diags, "Invalid instance", err)
	}
}

// validateNetworking checks the networking settings, unknown ones at their
// defaults (see the top of this file): n is built as the read builds it, with
// the data source's mirror and launch_path where it has them, so a setting
// is never checked at plan only when everything else is known.
func validateNetworking(n sizing.Networking, diags *diag.Diagnostics) {
	if _, err := n.Validate(); err != nil {
		addCoreError(diags, "Invalid networking settings", err)
	}
}

func (d *instanceTypeDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m instanceTypeModel
	if _, _, ok := knownConfig(ctx, req.Config, &m, &resp.Diagnostics); !ok || m.InstanceType.IsUnknown() || m.InstanceType.IsNull() {
		return
	}
	if _, err := sizing.TableInstance(m.InstanceType.ValueString()); err != nil {
		addCoreError(&resp.Diagnostics, "Unknown instance type", err)
	}
}

func (d *maxPodsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m maxPodsModel
	unknown, check := partialConfig(ctx, req.Config, &m, &resp.Diagnostics, func(d *diag.Diagnostics) bool { return m.compute(ctx, d) })
	if !check {
		return
	}
	validateNetworking(launchPath(m.withMirror(m.toCore()), m.LaunchPath), &resp.Diagnostics)
	if m.InstanceTypes.IsNull() {
		m.validateKnown(unknown, &resp.Diagnostics)
		return
	}
	if !m.InstanceTypes.IsUnknown() && m.checkBatchForm(&resp.Diagnostics) {
		batchInstances(ctx, m.InstanceTypes, &resp.Diagnostics)
	}
}

func (d *subnetCapacityDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m subnetCapacityModel
	unknown, check := partialConfig(ctx, req.Config, &m, &resp.Diagnostics, func(d *diag.Diagnostics) bool { return m.compute(ctx, d) })
	if !check {
		return
	}
	m.validateKnown(unknown, &resp.Diagnostics)
	validateNetworking(m.networkingModel.toCore(), &resp.Diagnostics)
	if _, err := m.warmTargetsModel.toCore().Validate(); err != nil {
		addCoreError(&resp.Diagnostics, "Invalid warm targets", err)
	}
	for _, list := range []struct {
		name    string
		subnets []subnetModel
	}{{sizing.FieldSubnets, m.Subnets}, {sizing.FieldPodSubnets, m.PodSubnets}} {
		for i, s := range list.subnets {
			if s.CIDRBlock.IsUnknown() || s.PrefixReservations.IsUnknown() {
				continue
			}
			p := fmt.Sprintf("%s[%d]", list.name, i)
			spec, errs := s.toCore(p)
			for _, err := range errs {
				addCoreError(&resp.Diagnostics, "Invalid subnet", err)
			}
			if len(errs) > 0 || unknownIn(s.PrefixReservations) {
				continue
			}
			if _, err := sizing.ParseSubnet(p, spec); err != nil {
				addCoreError(&resp.Diagnostics, "Invalid subnet", err)
			}
		}
	}
}

func (d *nodeConfigDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m nodeConfigModel
	unknown, check := partialConfig(ctx, req.Config, &m, &resp.Diagnostics, func(d *diag.Diagnostics) bool { return m.answer(ctx, d) })
	if !check {
		return
	}
	switch {
	case m.InstanceTypes.IsNull():
		m.validateKnown(unknown, &resp.Diagnostics)
	case !m.InstanceTypes.IsUnknown() && m.checkBatchForm(&resp.Diagnostics):
		batchInstances(ctx, m.InstanceTypes, &resp.Diagnostics)
	}
	validateNetworking(launchPath(m.networkingModel.toCore(), m.LaunchPath), &resp.Diagnostics)
	for _, r := range []struct {
		field string
		model *reservedModel
	}{{sizing.FieldKubeReserved, m.KubeReserved}, {"system_reserved", m.SystemReserved}} {
		if err := sizing.ValidateReserved(r.field, r.model.toCore()); err != nil {
			addCoreError(&resp.Diagnostics, "Invalid reservation", err)
		}
	}
	if eviction := evictionHardOf(m.EvictionHard, &resp.Diagnostics); eviction != nil {
		if err := sizing.ValidateEvictionHard(eviction); err != nil {
			addCoreError(&resp.Diagnostics, "Invalid eviction threshold", err)
		}
	}
	if c := m.Cluster; c != nil {
		for _, check := range []struct {
			v  types.String
			fn func(string) error
		}{
			{c.Name, sizing.CheckClusterName},
			{c.APIServerEndpoint, sizing.CheckAPIServerEndpoint},
			{c.CertificateAuthority, sizing.CheckCertificateAuthority},
			{c.ServiceCIDR, func(s string) error { _, err := sizing.ClusterDNSIP(s); return err }},
		} {
			if check.v.IsUnknown() {
				continue
			}
			if err := check.fn(check.v.ValueString()); err != nil {
				addCoreError(&resp.Diagnostics, "Invalid cluster", err)
			}
		}
	}
}

func (d *maxPodsExpressionDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m maxPodsExpressionModel
	_, check := partialConfig(ctx, req.Config, &m, &resp.Diagnostics, func(d *diag.Diagnostics) bool { return m.compute(ctx, d) })
	if !check {
		return
	}
	validateNetworking(m.toCore(), &resp.Diagnostics)
	for i, e := range m.InstanceTypes.Elements() {
		if s, isStr := e.(types.String); isStr && !s.IsNull() && !s.IsUnknown() {
			if _, err := sizing.TableInstance(s.ValueString()); err != nil {
				var ie *sizing.InputError
				if errors.As(err, &ie) {
					err = &sizing.InputError{Field: fmt.Sprintf("%s[%d]", sizing.FieldInstanceTypes, i), Msg: ie.Msg}
				}
				addCoreError(&resp.Diagnostics, "Unknown instance type", err)
			}
		}
	}
}
