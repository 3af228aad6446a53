package provider

import (
	"context"
	"errors"
	"strings"

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

var (
	_ datasource.DataSource                   = (*nodePoolDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*nodePoolDataSource)(nil)
)

// NewNodePoolDataSource is the ekssize_nodepool data source.
func NewNodePoolDataSource() datasource.DataSource { return &nodePoolDataSource{} }

type nodePoolDataSource struct{}

type daemonSetModel struct {
	Name          types.String `tfsdk:"name"`
	CPURequest    types.String `tfsdk:"cpu_request"`
	MemoryRequest types.String `tfsdk:"memory_request"`
	HostNetwork   types.Bool   `tfsdk:"host_network"`
}

type nodePoolInputs struct {
	networkingModel
	InstanceTypes           types.List   `tfsdk:"instance_types"`
	InstanceFamilies        types.List   `tfsdk:"instance_families"`
	InstanceSizes           types.List   `tfsdk:"instance_sizes"`
	Architectures           types.List   `tfsdk:"architectures"`
	MinVCPUs                types.Int64  `tfsdk:"min_vcpus"`
	MinMemoryMiB            types.Int64  `tfsdk:"min_memory_mib"`
	ExcludeInstanceTypes    types.List   `tfsdk:"exclude_instance_types"`
	AMIFamily               types.String `tfsdk:"ami_family"`
	LargestPodCPURequest    types.String `tfsdk:"largest_pod_cpu_request"`
	LargestPodMemoryRequest types.String `tfsdk:"largest_pod_memory_request"`
	DaemonSet               types.List   `tfsdk:"daemonset"`
}

type nodePoolResults struct {
	InstanceTypeResults types.List   `tfsdk:"instance_type_results"`
	MaxPods             types.Map    `tfsdk:"max_pods"`
	Excluded            types.Map    `tfsdk:"excluded"`
	NodeClasses         types.List   `tfsdk:"node_classes"`
	DataVersion         types.String `tfsdk:"data_version"`
}

type nodePoolModel struct {
	nodePoolInputs
	nodePoolResults
}

func (d *nodePoolDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_nodepool"
}

var (
	nodePoolTypeAttrTypes = map[string]attr.Type{
		"instance_type": types.StringType, "karpenter_max_pods": types.Int64Type, "max_pods": types.Int64Type,
		"kube_reserved_cpu_millicores": types.Int64Type, "kube_reserved_memory_mib": types.Int64Type,
		"allocatable_cpu_millicores": types.Int64Type, "allocatable_memory_mib": types.Int64Type,
		"pods_left": types.Int64Type, "cpu_left_millicores": types.Int64Type, "memory_left_mib": types.Int64Type,
		"excluded_reason": types.StringType,
	}
	nodeClassAttrTypes = map[string]attr.Type{
		"max_pods": types.Int64Type, "set_max_pods": types.BoolType, "instance_types": types.ListType{ElemType: types.StringType},
		"kubelet_yaml": types.StringType, "requirement_yaml": types.StringType,
	}
)

func nodePoolInputAttributes() map[string]schema.Attribute {
	list := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: desc}
	}
	return mergeAttributes(networkingAttributes(), map[string]schema.Attribute{
		"instance_types": list("The NodePool's candidate instance types (a `node.kubernetes.io/instance-type In` requirement). " +
			"Unset means every type of the embedded table that meets the other requirements."),
		"instance_families": list("Keep only these families (`karpenter.k8s.aws/instance-family`), such as `[\"m5\", \"c6i\"]`."),
		"instance_sizes":    list("Keep only these sizes (`karpenter.k8s.aws/instance-size`), such as `[\"large\", \"xlarge\"]`."),
		"architectures": list("Keep only these architectures, as `kubernetes.io/arch` spells them: `" +
			strings.Join(ec2data.Architectures(), "`, `") + "`."),
		"min_vcpus": schema.Int64Attribute{Optional: true, CustomType: wholeNumber, MarkdownDescription: "Keep only types with at least this many vCPUs " +
			"(`karpenter.k8s.aws/instance-cpu Gt`, inclusive here)."},
		"min_memory_mib": schema.Int64Attribute{Optional: true, CustomType: wholeNumber, MarkdownDescription: "Keep only types with at least this much " +
			"memory in MiB (`karpenter.k8s.aws/instance-memory`)."},
		"exclude_instance_types": list("Drop these types (a `node.kubernetes.io/instance-type NotIn` requirement)."),
		"ami_family": schema.StringAttribute{Optional: true, MarkdownDescription: "The EC2NodeClass `amiFamily`: `al2023` " +
			"(default) or `bottlerocket`. It changes Karpenter's kube-reserved memory (AL2023 counts ENI-limited pods, Bottlerocket " +
			"the final max pods) and whether `pods_per_core` applies (Karpenter's Bottlerocket family ignores it)."},
		"largest_pod_cpu_request": schema.StringAttribute{Optional: true, MarkdownDescription: "CPU request of the largest pod " +
			"every node must hold next to the DaemonSets, such as `\"2\"`. Types where it does not fit are excluded."},
		"largest_pod_memory_request": schema.StringAttribute{Optional: true, MarkdownDescription: "Memory request of the largest " +
			"pod, such as `\"4Gi\"`."},
	})
}

func nodePoolResultAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"instance_type_results": schema.ListAttribute{Computed: true, ElementType: types.ObjectType{AttrTypes: nodePoolTypeAttrTypes},
			MarkdownDescription: "Every candidate, sorted by name: `karpenter_max_pods` (the pods Karpenter v1.14 computes with no " +
				"`maxPods`: ENI-limited with `RESERVED_ENIS`, never prefix delegation), `max_pods` (what the node must run with: " +
				"`ekssize_max_pods` for the type and settings, the value `ekssize_node_config` writes into its Karpenter block), " +
				"`kube_reserved_cpu_millicores`, `kube_reserved_memory_mib`, `allocatable_cpu_millicores` and " +
				"`allocatable_memory_mib` as Karpenter computes them with `maxPods = max_pods`, what is left beside the DaemonSets " +
				"(`pods_left`, `cpu_left_millicores`, `memory_left_mib`), and `excluded_reason` (null when the type is kept). " +
				"`pods_left` counts pods that take a pod IP: the lower of `max_pods` minus every DaemonSet pod and the node's pod " +
				"IPs minus the DaemonSet pods not on the host network (see `daemonset.host_network`)."},
		"max_pods": schema.MapAttribute{Computed: true, ElementType: types.Int64Type,
			MarkdownDescription: "Instance type to `max_pods`, for the kept types."},
		"excluded": schema.MapAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Instance type to the reason it is left out: no vCPU data, a setting it cannot take, prefix " +
				"delegation falling back on Xen, DaemonSets that leave no pod (of max pods or of the pod IPs) or do not fit in CPU or " +
				"memory, or a largest pod that does not fit beside them."},
		"node_classes": schema.ListAttribute{Computed: true, ElementType: types.ObjectType{AttrTypes: nodeClassAttrTypes},
			MarkdownDescription: "The kept types grouped by the `max_pods` they need, largest first: each group can share one " +
				"EC2NodeClass. `set_max_pods` is false when Karpenter's own count is already right for every member; " +
				"`kubelet_yaml` is the EC2NodeClass `spec.kubelet` block (`maxPods: N`, or empty) and `requirement_yaml` the NodePool " +
				"requirement limiting it to the group's types."},
		"data_version": schema.StringAttribute{Computed: true, MarkdownDescription: "Version of the embedded instance table."},
	}
}

func (d *nodePoolDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Sizes a Karpenter NodePool's candidate instance types. Karpenter computes max pods from ENI limits " +
			"and `RESERVED_ENIS` and ignores prefix delegation unless `maxPods` is set (karpenter-provider-aws #8210), and one " +
			"EC2NodeClass has one `maxPods`, which is wrong for all but one type when the NodePool mixes sizes. This data source " +
			"answers, per type, what Karpenter computes (mirroring karpenter-provider-aws v1.14.0, checked against its own code " +
			"for every table type) and what the node must run with, excludes the types that cannot serve the pool, and groups " +
			"the rest into node classes that each need one `maxPods`, with the blocks to paste.",
		Attributes: mergeAttributes(nodePoolInputAttributes(), nodePoolResultAttributes()),
		Blocks: map[string]schema.Block{
			// A block, not a nested attribute: Terraform rejects a misspelt
			// argument inside a block (hashicorp/terraform#33570).
			"daemonset": schema.ListNestedBlock{
				MarkdownDescription: "A DaemonSet: one pod on every node. List every DaemonSet the nodes run, `aws-node` and " +
					"`kube-proxy` included. Its pod counts against max pods, host network or not; only a pod off the host network " +
					"takes a pod IP.",
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"name":           schema.StringAttribute{Optional: true, MarkdownDescription: "For your own reference."},
					"cpu_request":    schema.StringAttribute{Optional: true, MarkdownDescription: "The pod's CPU request, such as `\"100m\"`."},
					"memory_request": schema.StringAttribute{Optional: true, MarkdownDescription: "The pod's memory request, such as `\"128Mi\"`."},
					"host_network": schema.BoolAttribute{Optional: true, MarkdownDescription: "Whether the pod uses the host network " +
						"(`hostNetwork: true`). Default `false`. kubelet counts a host-network pod against max pods like every pod, " +
						"but the VPC CNI gives it no pod IP (and the VPC resource controller none on Windows). So it changes " +
						"`pods_left` (and whether a type is excluded for it) wherever the node's pod IPs, not `max_pods`, are the " +
						"limit: `pods_left` is the lower of `max_pods` minus all DaemonSet pods and the pod IPs (ENIs x (IPv4 per ENI " +
						"- 1), x 16 with prefixes) minus the DaemonSet pods not on the host network. Where the ENI formula sets " +
						"`max_pods`, its `+ 2` stands for two host-network pods (`aws-node` and `kube-proxy`, as `eni-max-pods.txt` " +
						"says): an m5.large (29 max pods, 27 pod IPs) with `aws-node` and `kube-proxy` on the host network and one " +
						"other DaemonSet has 26 pods left; with all three off the host network, 24. Under a cap (110 on m5.4xlarge, " +
						"232 pod IPs) or with prefix delegation the pod IPs rarely bind, and with IPv6 never."},
				}},
			},
		},
	}
}

// toCore converts the inputs; known is false when anything is unknown.
func (m nodePoolInputs) toCore(ctx context.Context, diags *diag.Diagnostics) (sizing.NodePoolInput, bool) {
	in := sizing.NodePoolInput{
		Networking: m.networkingModel.toCore(),
		AMIFamily:  m.AMIFamily.ValueString(),
		Requirements: sizing.Requirements{
			MinVCPUs:     clampInt(m.MinVCPUs.ValueInt64()),
			MinMemoryMiB: clampInt(m.MinMemoryMiB.ValueInt64()),
		},
	}
	known := !unknownIn(m.InstanceTypes, m.InstanceFamilies, m.InstanceSizes, m.Architectures, m.MinVCPUs, m.MinMemoryMiB,
		m.ExcludeInstanceTypes, m.AMIFamily, m.LargestPodCPURequest, m.LargestPodMemoryRequest, m.DaemonSet)
	if !m.InstanceTypes.IsNull() {
		in.InstanceTypes = append([]string{}, stringsOf(m.InstanceTypes, path.Root(sizing.FieldInstanceTypes), diags)...)
	}
	in.Requirements.Families = stringsOf(m.InstanceFamilies, path.Root(sizing.FieldInstanceFamilies), diags)
	in.Requirements.Sizes = stringsOf(m.InstanceSizes, path.Root(sizing.FieldInstanceSizes), diags)
	in.Requirements.Architectures = stringsOf(m.Architectures, path.Root(sizing.FieldArchitectures), diags)
	in.Requirements.Exclude = stringsOf(m.ExcludeInstanceTypes, path.Root(sizing.FieldExcludeInstanceTypes), diags)
	if !m.LargestPodCPURequest.IsNull() || !m.LargestPodMemoryRequest.IsNull() {
		in.LargestPod = &sizing.PodRequests{CPU: m.LargestPodCPURequest.ValueString(), Memory: m.LargestPodMemoryRequest.ValueString()}
	}
	if !m.DaemonSet.IsNull() && !m.DaemonSet.IsUnknown() {
		var ds []daemonSetModel
		diags.Append(m.DaemonSet.ElementsAs(ctx, &ds, false)...)
		for _, d := range ds {
			known = known && !unknownIn(d.CPURequest, d.MemoryRequest, d.HostNetwork)
			in.DaemonSets = append(in.DaemonSets, sizing.PodRequests{
				CPU: d.CPURequest.ValueString(), Memory: d.MemoryRequest.ValueString(), HostNetwork: d.HostNetwork.ValueBool(),
			})
		}
	}
	n := m.networkingModel
	known = known && !unknownIn(n.PrefixDelegation, n.IPFamily, n.CustomNetworking, n.SecurityGroupsForPods, n.ReservedENIs,
		n.MaxENI, n.CNIVersion, n.OS, n.CapPolicy, n.MaxPodsLimit, n.PodsPerCore)
	return in, known && !diags.HasError()
}

func (d *nodePoolDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m nodePoolModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, known := m.toCore(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if known {
		// Everything is known: the core's own checks, exactly as Read runs them.
		if _, err := sizing.NodePool(in); err != nil {
			addCoreError(&resp.Diagnostics, "Invalid NodePool", err)
		}
		return
	}
	// Something waits for apply: check what is known on its own.
	n := m.networkingModel
	if !unknownIn(n.PrefixDelegation, n.IPFamily, n.CustomNetworking, n.SecurityGroupsForPods, n.ReservedENIs,
		n.MaxENI, n.CNIVersion, n.OS, n.CapPolicy, n.MaxPodsLimit, n.PodsPerCore) {
		if _, err := in.Networking.Validate(); err != nil {
			addCoreError(&resp.Diagnostics, "Invalid NodePool", err)
		}
	}
	if !m.InstanceTypes.IsUnknown() {
		for i, e := range m.InstanceTypes.Elements() {
			if s, ok := e.(types.String); ok && !s.IsUnknown() && !s.IsNull() {
				if _, err := sizing.NodePool(sizing.NodePoolInput{InstanceTypes: []string{s.ValueString()}}); err != nil {
					addCoreError(&resp.Diagnostics, "Invalid NodePool", reindexed(err, i))
				}
			}
		}
	}
}

// reindexed moves a core error about instance_types[0] to instance_types[i].
func reindexed(err error, i int) error {
	var ie *sizing.InputError
	if !errors.As(err, &ie) || ie.Field != sizing.FieldInstanceTypes+"[0]" {
		return err
	}
	f := path.Root(sizing.FieldInstanceTypes).AtListIndex(i).String()
	return &sizing.InputError{Field: f, Msg: f + ie.Msg[len(ie.Field):]}
}

func (d *nodePoolDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m nodePoolModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, _ := m.toCore(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	res, err := sizing.NodePool(in)
	if err != nil {
		addCoreError(&resp.Diagnostics, "Invalid NodePool", err)
		return
	}
	m.nodePoolResults = nodePoolResultsOf(res)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func nodePoolResultsOf(res sizing.NodePoolResult) nodePoolResults {
	rows := make([]attr.Value, 0, len(res.Types))
	maxPods := map[string]attr.Value{}
	excluded := map[string]attr.Value{}
	for _, t := range res.Types {
		reason := types.StringNull()
		if t.Excluded != "" {
			reason = types.StringValue(t.Excluded)
			excluded[t.InstanceType] = reason
		} else {
			maxPods[t.InstanceType] = types.Int64Value(int64(t.MaxPods))
		}
		rows = append(rows, types.ObjectValueMust(nodePoolTypeAttrTypes, map[string]attr.Value{
			"instance_type":                types.StringValue(t.InstanceType),
			"karpenter_max_pods":           types.Int64Value(int64(t.KarpenterPods)),
			"max_pods":                     types.Int64Value(int64(t.MaxPods)),
			"kube_reserved_cpu_millicores": types.Int64Value(t.Karpenter.KubeReservedCPUMillicores),
			"kube_reserved_memory_mib":     types.Int64Value(t.Karpenter.KubeReservedMemoryMiB),
			"allocatable_cpu_millicores":   types.Int64Value(t.Karpenter.AllocatableCPUMillicores),
			"allocatable_memory_mib":       types.Int64Value(t.Karpenter.AllocatableMemoryMiB),
			"pods_left":                    types.Int64Value(int64(t.PodsLeft)),
			"cpu_left_millicores":          types.Int64Value(t.CPULeftMillicores),
			"memory_left_mib":              types.Int64Value(t.MemoryLeftMiB),
			"excluded_reason":              reason,
		}))
	}
	classes := make([]attr.Value, 0, len(res.Classes))
	for _, c := range res.Classes {
		names := make([]attr.Value, len(c.InstanceTypes))
		for i, n := range c.InstanceTypes {
			names[i] = types.StringValue(n)
		}
		classes = append(classes, types.ObjectValueMust(nodeClassAttrTypes, map[string]attr.Value{
			"max_pods":         types.Int64Value(int64(c.MaxPods)),
			"set_max_pods":     types.BoolValue(c.SetMaxPods),
			"instance_types":   types.ListValueMust(types.StringType, names),
			"kubelet_yaml":     types.StringValue(render.KarpenterNodeClassKubelet(c.MaxPods, c.SetMaxPods)),
			"requirement_yaml": types.StringValue(render.KarpenterInstanceTypeRequirement(c.InstanceTypes)),
		}))
	}
	return nodePoolResults{
		InstanceTypeResults: types.ListValueMust(types.ObjectType{AttrTypes: nodePoolTypeAttrTypes}, rows),
		MaxPods:             types.MapValueMust(types.Int64Type, maxPods),
		Excluded:            types.MapValueMust(types.StringType, excluded),
		NodeClasses:         types.ListValueMust(types.ObjectType{AttrTypes: nodeClassAttrTypes}, classes),
		DataVersion:         types.StringValue(ec2data.DataVersion()),
	}
}
