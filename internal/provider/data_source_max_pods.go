package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
	"github.com/ekssize/terraform-provider-ekssize/internal/render"
	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

var _ datasource.DataSource = (*maxPodsDataSource)(nil)

// NewMaxPodsDataSource is the ekssize_max_pods data source.
func NewMaxPodsDataSource() datasource.DataSource { return &maxPodsDataSource{} }

type maxPodsDataSource struct{}

// maxPodsFields are the computed results of one max-pods question.
type maxPodsFields struct {
	MaxPods                 types.Int64  `tfsdk:"max_pods"`
	ENIMaxPods              types.Int64  `tfsdk:"eni_max_pods"`
	MaxPodsUncapped         types.Int64  `tfsdk:"max_pods_uncapped"`
	Cap                     types.Int64  `tfsdk:"cap"`
	NetworkInterfaces       types.Int64  `tfsdk:"network_interfaces"`
	PrefixDelegationApplied types.Bool   `tfsdk:"prefix_delegation_applied"`
	Formula                 types.String `tfsdk:"formula"`
	KubeletExtraArgs        types.String `tfsdk:"kubelet_extra_args"`
	BootstrapExtraArgs      types.String `tfsdk:"bootstrap_extra_args"`
}

type maxPodsModel struct {
	instanceModel
	networkingModel
	mirrorModel
	maxPodsFields
	InstanceTypes         types.List   `tfsdk:"instance_types"`
	ByInstanceType        types.Map    `tfsdk:"by_instance_type"`
	DataVersion           types.String `tfsdk:"data_version"`
	LaunchPath            types.String `tfsdk:"launch_path"`
	NodeGroupMaxPods      types.Int64  `tfsdk:"node_group_max_pods"`
	NodeGroupLimitingType types.String `tfsdk:"node_group_limiting_type"`
}

func (d *maxPodsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_max_pods"
}

// maxPodsComputedAttributes is the schema of the computed results, for the
// data source, its by_instance_type entries and the functions that return them.
func maxPodsComputedAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"max_pods": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "The value to give kubelet (`--max-pods` / `maxPods`): the ENI or prefix arithmetic, then the cap, " +
				"`max_pods_limit` and `pods_per_core`. Mirrors `max-pods-calculator.sh`, except prefix delegation on bare metal, which " +
				"follows the VPC CNI unless `mirror = \"max_pods_calculator\"`."},
		"eni_max_pods": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "The VPC CNI `eni-max-pods.txt` value for the type, whatever the settings: default-card ENIs x (IPv4 per ENI - 1) + 2. " +
				"This is what AL2 `bootstrap.sh`, nodeadm and Karpenter use to size kube-reserved memory."},
		"max_pods_uncapped": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "The ENI (or prefix) arithmetic for these settings before the cap, `max_pods_limit` and `pods_per_core`."},
		"cap": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "The ceiling of `cap_policy` (110 or 250); null when `cap_policy = \"none\"`."},
		"network_interfaces": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "ENIs whose addresses go to pods (default-card ENIs after `max_eni`, custom networking, the trunk ENI and `reserved_enis`)."},
		"prefix_delegation_applied": schema.BoolAttribute{Computed: true,
			MarkdownDescription: "Whether the /28 prefix arithmetic was used (prefix delegation or IPv6 on a type and CNI version that support it). " +
				"With the deprecated `cap_policy = \"auto_mode\"`: whether pods get /28 prefixes, while `max_pods` stays Auto Mode's formula."},
		"formula": schema.StringAttribute{Computed: true,
			MarkdownDescription: "A one-line derivation, e.g. `3 ENIs x (10 - 1) IPs + 2 = 29`."},
		"kubelet_extra_args": schema.StringAttribute{Computed: true,
			MarkdownDescription: "kubelet flags that set max pods, e.g. `--max-pods=29`."},
		"bootstrap_extra_args": schema.StringAttribute{Computed: true,
			MarkdownDescription: "Arguments for the Amazon Linux 2 `bootstrap.sh` (`bootstrap_extra_args` in terraform-aws-eks), e.g. " +
				"`--use-max-pods false --kubelet-extra-args '--max-pods=29'`."},
	}
}

func (d *maxPodsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Max pods per node for an instance type under the VPC CNI settings, exactly as " +
			"`max-pods-calculator.sh` from the EKS AMI computes it (on bare metal with prefix delegation as the VPC CNI does, unless " +
			"`mirror` says otherwise), with the derivation and ready-to-use kubelet and AL2 bootstrap arguments. " +
			"`eni_max_pods` always equals the VPC CNI's `eni-max-pods.txt`.",
		Attributes: mergeAttributes(
			instanceAttributes(),
			networkingAttributes(),
			maxPodsComputedAttributes(),
			map[string]schema.Attribute{
				"mirror":       mirrorAttribute(),
				"data_version": dataVersionAttribute(),
				"launch_path":  launchPathAttribute(),
				"node_group_max_pods": schema.Int64Attribute{Computed: true,
					MarkdownDescription: "The one max pods value safe for every type of a node group that shares one user data: the " +
						"smallest `max_pods` over `instance_types` (or `max_pods` itself in the single form). A managed node group " +
						"applies exactly this to every node (\"the smallest value calculated across all instance types\", EKS User " +
						"Guide, Create a managed node group); for a self-managed or custom-AMI group it is the value to write."},
				"node_group_limiting_type": schema.StringAttribute{Computed: true,
					MarkdownDescription: "The instance type that sets `node_group_max_pods` (the first listed of those with the smallest value)."},
				"instance_types": schema.ListAttribute{
					Optional:    true,
					ElementType: types.StringType,
					MarkdownDescription: "Batch form: several instance types from the embedded table, answered in one read under the same " +
						"settings (for example every type a Karpenter NodePool allows, or every node group of a module). Results are in " +
						"`by_instance_type`; the single-type attributes are then null. Use instead of `instance_type` and `instance`.",
				},
				"by_instance_type": schema.MapNestedAttribute{
					Computed: true,
					MarkdownDescription: "With `instance_types`: a map from each instance type to the same computed attributes as the " +
						"single form (`max_pods`, `eni_max_pods`, `formula`, ...). Null otherwise.",
					NestedObject: schema.NestedAttributeObject{Attributes: maxPodsComputedAttributes()},
				},
			},
		),
	}
}

// mirrorModel is the mirror setting of ekssize_max_pods and max_pods().
type mirrorModel struct {
	Mirror types.String `tfsdk:"mirror"`
}

func (m mirrorModel) withMirror(n sizing.Networking) sizing.Networking {
	n.Mirror = m.Mirror.ValueString()
	return n
}

func mirrorAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "Which tool's answer to give where `max-pods-calculator.sh` and the VPC CNI disagree. `vpc_cni` (default): " +
			"what the VPC CNI does on the node; it assigns prefixes on Nitro and on bare metal types. `max_pods_calculator`: the " +
			"script's own output; it applies prefix delegation only when EC2 reports the `nitro` hypervisor, which it reports for " +
			"no bare metal type but `c7g.metal`, so bare metal gets the secondary-IP value (`a1.metal` with prefix delegation and " +
			"`max_eni = 1`: 31 from the script, 110 from the VPC CNI), with a warning. Everything else is the same either way; " +
			"`max_pods_calculator` equals the script's output in all 540 runs of the script kept as test data.",
	}
}

func (d *maxPodsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m maxPodsModel
	readAnswer(ctx, req, resp, &m, func(d *diag.Diagnostics) bool { return m.compute(ctx, d) })
}

// errBothForms is the error for instance_types next to instance_type or instance.
const errBothForms = "give only one of instance_type, instance or instance_types: instance_types is the batch form of instance_type"

// checkBatchForm reports instance_type or instance given next to
// instance_types, for ekssize_max_pods and ekssize_node_config, in Read and
// ValidateConfig alike; an instance_type not known yet may still be null, so
// only a known one counts.
func (m instanceModel) checkBatchForm(diags *diag.Diagnostics) bool {
	if !m.InstanceType.IsNull() && !m.InstanceType.IsUnknown() || m.Instance != nil {
		diags.AddAttributeError(path.Root("instance_types"), "Invalid instance", errBothForms)
		return false
	}
	return true
}

// compute answers the model's question into its computed attributes,
// reporting errors and warnings; false when there is no answer. Read and
// ValidateConfig call it.
func (m *maxPodsModel) compute(ctx context.Context, diags *diag.Diagnostics) bool {
	m.DataVersion = types.StringValue(ec2data.DataVersion())
	m.ByInstanceType = types.MapNull(maxPodsObjectType)
	if !m.InstanceTypes.IsNull() {
		if !m.checkBatchForm(diags) {
			return false
		}
		m.maxPodsFields = nullMaxPodsFields()
		var names []string
		var values []int
		m.ByInstanceType, names, values = readMaxPodsBatch(ctx, m.InstanceTypes, launchPath(m.withMirror(m.toCore()), m.LaunchPath), diags)
		if diags.HasError() {
			return false
		}
		v, at := sizing.NodeGroupMaxPods(names, values)
		m.NodeGroupMaxPods, m.NodeGroupLimitingType = types.Int64Value(int64(v)), types.StringValue(at)
		return true
	}
	in, err := m.resolve()
	if err != nil {
		addCoreError(diags, "Invalid instance", err)
		return false
	}
	fields, ok := maxPodsFieldsOf(in, launchPath(m.withMirror(m.toCore()), m.LaunchPath), diags)
	if !ok {
		return false
	}
	m.maxPodsFields = fields
	m.NodeGroupMaxPods, m.NodeGroupLimitingType = fields.MaxPods, types.StringValue(in.Name)
	return true
}

// maxPodsObjectType is the object type of one by_instance_type entry.
var maxPodsObjectType = objectTypeOf(maxPodsComputedAttributes())

func nullMaxPodsFields() maxPodsFields {
	return maxPodsFields{
		MaxPods: types.Int64Null(), ENIMaxPods: types.Int64Null(), MaxPodsUncapped: types.Int64Null(), Cap: types.Int64Null(),
		NetworkInterfaces: types.Int64Null(), PrefixDelegationApplied: types.BoolNull(), Formula: types.StringNull(),
		KubeletExtraArgs: types.StringNull(), BootstrapExtraArgs: types.StringNull(),
	}
}

// readMaxPodsBatch answers the batch form: the same core call per type, with
// errors and warnings attached to the list element that caused them (warnings
// for a type are reported once per distinct text).
//
// It also returns each distinct type in list order with its max pods, for the
// node group value.
func readMaxPodsBatch(ctx context.Context, list types.List, n sizing.Networking, diags *diag.Diagnostics) (types.Map, []string, []int) {
	null := types.MapNull(maxPodsObjectType)
	batch, ok := batchInstances(ctx, list, diags)
	if !ok || diags.HasError() {
		return null, nil, nil
	}
	var order []string
	var values []int
	out := make(map[string]maxPodsFields, len(batch))
	for _, b := range batch {
		key, in := b.name, b.inst
		if _, done := out[key]; done {
			continue
		}
		var one diag.Diagnostics
		fields, ok := maxPodsFieldsOf(in, n, &one)
		for _, d := range one {
			// Re-home per-setting diagnostics: name the type so the batch stays readable.
			detail := key + ": " + d.Detail()
			if dp, isPath := d.(diag.DiagnosticWithPath); isPath {
				if d.Severity() == diag.SeverityError {
					diags.AddAttributeError(dp.Path(), d.Summary(), detail)
				} else {
					diags.AddAttributeWarning(dp.Path(), d.Summary(), detail)
				}
			} else {
				diags.Append(d)
			}
		}
		if ok {
			out[key] = fields
			order = append(order, key)
			values = append(values, int(fields.MaxPods.ValueInt64()))
		}
	}
	if diags.HasError() {
		return null, nil, nil
	}
	elems := make(map[string]attr.Value, len(out))
	for key, fields := range out {
		obj, d := objectFrom(ctx, maxPodsObjectType, fields)
		diags.Append(d...)
		elems[key] = obj
	}
	if diags.HasError() {
		return null, nil, nil
	}
	m, d := types.MapValue(maxPodsObjectType, elems)
	diags.Append(d...)
	return m, order, values
}

// maxPodsFieldsOf asks the core and copies its answer, reporting errors and
// warnings on their attributes.
func maxPodsFieldsOf(in ec2data.Instance, n sizing.Networking, diags *diag.Diagnostics) (maxPodsFields, bool) {
	res, warns, err := sizing.MaxPods(in, n)
	addCoreWarnings(diags, warns)
	if err != nil {
		addCoreError(diags, "Cannot compute max pods", err)
		return maxPodsFields{}, false
	}
	return maxPodsFieldsFrom(res), true
}

// maxPodsFieldsFrom is the result conversion: the core's answer and the
// kubelet and bootstrap.sh arguments that set it.
func maxPodsFieldsFrom(res sizing.MaxPodsResult) maxPodsFields {
	flags := render.KubeletFlags{MaxPods: res.MaxPods}
	return maxPodsFields{
		MaxPods:                 types.Int64Value(int64(res.MaxPods)),
		ENIMaxPods:              types.Int64Value(int64(res.ENIMaxPods)),
		MaxPodsUncapped:         types.Int64Value(int64(res.MaxPodsUncapped)),
		Cap:                     int64Ptr(res.Cap, res.Cap > 0),
		NetworkInterfaces:       types.Int64Value(int64(res.NetworkInterfaces)),
		PrefixDelegationApplied: types.BoolValue(res.PrefixDelegationApplied),
		Formula:                 types.StringValue(res.Formula()),
		KubeletExtraArgs:        types.StringValue(render.KubeletExtraArgs(flags)),
		BootstrapExtraArgs:      types.StringValue(render.AL2BootstrapExtraArgs(flags)),
	}
}
