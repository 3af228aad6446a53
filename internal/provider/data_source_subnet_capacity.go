package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

var _ datasource.DataSource = (*subnetCapacityDataSource)(nil)

// NewSubnetCapacityDataSource is the ekssize_subnet_capacity data source.
func NewSubnetCapacityDataSource() datasource.DataSource { return &subnetCapacityDataSource{} }

type subnetCapacityDataSource struct{}

type subnetModel struct {
	CIDRBlock               types.String `tfsdk:"cidr_block"`
	AvailableIPAddressCount types.Int64  `tfsdk:"available_ip_address_count"`
	PrefixReservations      types.List   `tfsdk:"prefix_reservations"`
	ClusterSubnet           types.Bool   `tfsdk:"cluster_subnet"`
	Name                    types.String `tfsdk:"name"`
}

type subnetReservedModel struct {
	ApplicationLoadBalancers types.Int64 `tfsdk:"application_load_balancers"`
	NetworkLoadBalancers     types.Int64 `tfsdk:"network_load_balancers"`
	InterfaceEndpoints       types.Int64 `tfsdk:"interface_endpoints"`
	FargatePods              types.Int64 `tfsdk:"fargate_pods"`
	OtherIPs                 types.Int64 `tfsdk:"other_ips"`
}

type perNodeModel struct {
	NetworkInterfaces types.Int64  `tfsdk:"network_interfaces"`
	SecondaryIPs      types.Int64  `tfsdk:"secondary_ips"`
	Prefixes          types.Int64  `tfsdk:"prefixes"`
	NodeSubnetIPs     types.Int64  `tfsdk:"node_subnet_ips"`
	PodSubnetIPs      types.Int64  `tfsdk:"pod_subnet_ips"`
	Formula           types.String `tfsdk:"formula"`
}

type subnetResultModel struct {
	Name                        types.String `tfsdk:"name"`
	CIDRBlock                   types.String `tfsdk:"cidr_block"`
	TotalIPs                    types.Int64  `tfsdk:"total_ips"`
	UsableIPs                   types.Int64  `tfsdk:"usable_ips"`
	FreeIPs                     types.Int64  `tfsdk:"free_ips"`
	PrefixEligibleBlocks        types.Int64  `tfsdk:"prefix_eligible_blocks"`
	ReservedIPs                 types.Int64  `tfsdk:"reserved_ips"`
	KeepFreeIPs                 types.Int64  `tfsdk:"keep_free_ips"`
	PlannedNodes                types.Int64  `tfsdk:"planned_nodes"`
	SurgeNodes                  types.Int64  `tfsdk:"surge_nodes"`
	IPsPerNode                  types.Int64  `tfsdk:"ips_per_node"`
	RequiredIPs                 types.Int64  `tfsdk:"required_ips"`
	HeadroomIPs                 types.Int64  `tfsdk:"headroom_ips"`
	MaxNodes                    types.Int64  `tfsdk:"max_nodes"`
	Fits                        types.Bool   `tfsdk:"fits"`
	ShortfallIPs                types.Int64  `tfsdk:"shortfall_ips"`
	ShortfallBlocks             types.Int64  `tfsdk:"shortfall_blocks"`
	SmallestFittingPrefixLength types.Int64  `tfsdk:"smallest_fitting_prefix_length"`
}

type subnetCapacityModel struct {
	instanceModel
	networkingModel
	warmTargetsModel
	MaxPods             types.Int64          `tfsdk:"max_pods"`
	PodsPerNode         types.Int64          `tfsdk:"pods_per_node"`
	BranchPodsPerNode   types.Int64          `tfsdk:"branch_pods_per_node"`
	NodeCount           types.Int64          `tfsdk:"node_count"`
	SurgeNodesPerSubnet types.Int64          `tfsdk:"surge_nodes_per_subnet"`
	Reserved            *subnetReservedModel `tfsdk:"reserved"`
	PrefixLayout        types.String         `tfsdk:"prefix_layout"`
	FailOnShortfall     types.Bool           `tfsdk:"fail_on_shortfall"`
	Subnets             []subnetModel        `tfsdk:"subnets"`
	PodSubnets          []subnetModel        `tfsdk:"pod_subnets"`

	PerNode          *perNodeModel `tfsdk:"per_node"`
	SubnetResults    types.List    `tfsdk:"subnet_results"`
	PodSubnetResults types.List    `tfsdk:"pod_subnet_results"`
	TotalMaxNodes    types.Int64   `tfsdk:"max_nodes"`
	MaxPodsTotal     types.Int64   `tfsdk:"max_pods_total"`
	Fits             types.Bool    `tfsdk:"fits"`
	ShortfallIPs     types.Int64   `tfsdk:"shortfall_ips"`
	ShortfallBlocks  types.Int64   `tfsdk:"shortfall_blocks"`
	Warnings         types.List    `tfsdk:"warnings"`
	DataVersion      types.String  `tfsdk:"data_version"`
}

func (d *subnetCapacityDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_subnet_capacity"
}

// subnetAttributes is the schema of one subnets / pod_subnets element.
func subnetAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"cidr_block": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "The subnet's IPv4 CIDR block (`aws_subnet.cidr_block`), /16 to /28, such as `10.0.0.0/24`. " +
				"IPv6 blocks and other sizes are errors. In an IPv6 cluster give the IPv4 block: nodes still take IPv4 addresses from it.",
		},
		"available_ip_address_count": schema.Int64Attribute{
			CustomType: wholeNumber,
			Optional:   true,
			MarkdownDescription: "Free IPv4 addresses now (`aws_subnet.available_ip_address_count`); replaces the usable count " +
				"(2^(32 - prefix length) - 5). Addresses already in use count as single IPs in the prefix layouts. Unset means an empty subnet.",
		},
		"prefix_reservations": schema.ListAttribute{
			Optional:    true,
			ElementType: types.StringType,
			MarkdownDescription: "Subnet CIDR reservations of type `prefix` (`aws_ec2_subnet_cidr_reservation`), each /28 or larger, " +
				"inside the subnet and not overlapping. Prefixes then come only from the reservations and single IPs only from the rest.",
		},
		"cluster_subnet": schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "Whether the EKS control plane uses this subnet (`vpc_config.subnet_ids` of `aws_eks_cluster`): it then " +
				"reserves 6 IPs for EKS's cross-account ENIs and must keep 5 free for version upgrades. Default `false`.",
		},
		"name": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "A label for results and messages, such as the availability zone or subnet ID.",
		},
	}
}

// subnetResultAttributes is the schema of one subnet_results /
// pod_subnet_results element.
func subnetResultAttributes() map[string]schema.Attribute {
	count := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"name":       schema.StringAttribute{Computed: true, MarkdownDescription: "The subnet's `name`, or null."},
		"cidr_block": schema.StringAttribute{Computed: true, MarkdownDescription: "The subnet's CIDR block."},
		"total_ips":  count("Addresses in the CIDR: 2^(32 - prefix length)."),
		"usable_ips": count("`total_ips` minus the 5 AWS reserves."),
		"free_ips":   count("`available_ip_address_count` when given, else `usable_ips`."),
		"prefix_eligible_blocks": count("/28 blocks delegated prefixes can come from: all but the first (holds .0-.3) and the last (broadcast), 0 for a /27 or /28; " +
			"with `prefix_reservations`, only the eligible blocks inside the reservations (AWS then takes prefixes only from them)."),
		"reserved_ips": count("Addresses other things take: 8 per application load balancer, 1 per network load balancer, interface endpoint " +
			"and Fargate pod, `other_ips`, and 6 for EKS's ENIs in a cluster subnet. Pod subnets carry only the cluster-subnet 6."),
		"keep_free_ips": count("Addresses that must stay free: 5 in a cluster subnet (EKS version upgrades), else 0."),
		"planned_nodes": count("This subnet's share of `node_count` (spread evenly, earlier subnets first: 10 over 3 is 4, 3, 3)."),
		"surge_nodes":   count("Extra nodes during a rolling update: `surge_nodes_per_subnet` where nodes are planned, else 0."),
		"ips_per_node":  count("Addresses one node takes in this subnet (`per_node.node_subnet_ips`, or `pod_subnet_ips` for a pod subnet)."),
		"required_ips":  count("(`planned_nodes` + `surge_nodes`) x `ips_per_node` + `reserved_ips`: cordoned old nodes keep their IPs during a rolling update."),
		"headroom_ips": count("`free_ips` - `required_ips` - `keep_free_ips`; with prefix delegation also at most 16 x the spare /28 blocks of `prefix_layout` " +
			"(single IPs spoil at most every eligible block). Negative is a shortfall."),
		"max_nodes": count("The most nodes this subnet holds next to its reserved and kept-free addresses."),
		"fits":      schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether `headroom_ips` >= 0."},
		"shortfall_ips": count("max(0, -`headroom_ips`). Never more than `required_ips` + `keep_free_ips`: a demand a fresh subnet of this size " +
			"would hold is never more than the subnet's addresses short."),
		"shortfall_blocks": count("With prefix delegation in this subnet: the aligned /28 blocks the nodes' prefixes lack (`prefix_eligible_blocks` minus " +
			"the blocks `prefix_layout` assumes single IPs spoil, against the blocks needed), often the real cause of `shortfall_ips`, which is at " +
			"least 16 x this. 0 without prefixes here or when the blocks suffice."),
		"smallest_fitting_prefix_length": count("The longest prefix length (smallest subnet) of a fresh subnet that holds the planned and surge nodes and the reserved addresses; 0 when even a /16 does not."),
	}
}

var subnetResultObjectType = objectTypeOf(subnetResultAttributes())

func optionalCount(desc string) schema.Int64Attribute {
	return schema.Int64Attribute{Optional: true, CustomType: wholeNumber, MarkdownDescription: desc}
}

func (d *subnetCapacityDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "How many nodes and pods really fit in a set of subnets, and whether the planned nodes, their rolling-update " +
			"surge and the load balancers, endpoints and Fargate pods sharing the subnets fit. Per-node IPv4 consumption replays the " +
			"VPC CNI's ipamd (v1.23): warm ENI, warm IP, minimum IP and warm prefix targets, prefix delegation with aligned free /28 " +
			"blocks, security groups for pods, custom networking and IPv6. When a subnet is short, a warning names it; with " +
			"`fail_on_shortfall = true` it is an error, so `terraform plan` stops.",
		Attributes: mergeAttributes(
			instanceAttributes(),
			networkingAttributes(),
			warmTargetsAttributes(),
			map[string]schema.Attribute{
				"subnets": checkedObject(schema.ListNestedAttribute{
					Required: true,
					MarkdownDescription: "The node subnets (typically one per availability zone). Planned nodes are spread evenly over them. " +
						"They must not overlap. Results are in `subnet_results`, in the same order.",
					NestedObject: schema.NestedAttributeObject{Attributes: subnetAttributes()},
				}),
				"pod_subnets": checkedObject(schema.ListNestedAttribute{
					Optional: true,
					MarkdownDescription: "With `custom_networking`: the ENIConfig subnets pods take their addresses from, paired with " +
						"`subnets` by index (node subnet i's pods use pod subnet i). Required with custom networking and only then. " +
						"Results are in `pod_subnet_results`.",
					NestedObject: schema.NestedAttributeObject{Attributes: subnetAttributes()},
				}),
				"max_pods": schema.Int64Attribute{
					CustomType: wholeNumber,
					Optional:   true,
					Computed:   true,
					MarkdownDescription: "kubelet max pods on the nodes; ipamd never allocates addresses beyond it (the VPC resource controller, " +
						"which serves `os = \"windows\"`, does not read it). Default: what `ekssize_max_pods` gives for the same instance and " +
						"settings (cap policy `eks` unless `cap_policy` says otherwise).",
				},
				"pods_per_node": schema.Int64Attribute{
					CustomType: wholeNumber,
					Optional:   true,
					Computed:   true,
					MarkdownDescription: "Peak pods per node on the VPC network (host-network pods cost nothing, branch pods are counted " +
						"apart). Size with the peak: ipamd frees addresses late. Default `max_pods` - 2 (aws-node and kube-proxy run on the " +
						"host network) - `branch_pods_per_node`; with `os = \"windows\"`, `max_pods` (no host-network system pods there).",
				},
				"branch_pods_per_node": optionalCount("Pods per node with their own branch ENI (security groups for pods), each taking one IP. " +
					"Needs `security_groups_for_pods` and a trunking-compatible type; at most the type's branch ENIs. Default 0."),
				"node_count": optionalCount("Planned nodes over all subnets, spread evenly. Default 0 (only `max_nodes` is then of interest)."),
				"surge_nodes_per_subnet": optionalCount("Extra nodes a rolling update adds in each subnet with planned nodes; old nodes keep " +
					"their IPs until drained. Default 2, what a managed node group adds per availability zone."),
				"reserved": checkedObject(schema.SingleNestedAttribute{
					Optional:            true,
					MarkdownDescription: "What else takes addresses in each node subnet (counts per subnet; pod subnets are not charged).",
					Attributes: map[string]schema.Attribute{
						"application_load_balancers": optionalCount("Application load balancers using the subnet: 8 IPs each (the free IPs AWS asks for per ALB subnet). Default 0."),
						"network_load_balancers":     optionalCount("Network load balancers using the subnet: 1 IP each. Default 0."),
						"interface_endpoints":        optionalCount("VPC interface endpoints with an ENI in the subnet: 1 IP each. Default 0."),
						"fargate_pods":               optionalCount("Fargate pods in the subnet: 1 IP each (every Fargate pod is its own node). Default 0."),
						"other_ips":                  optionalCount("Any other addresses taken in the subnet. Default 0."),
					},
				}),
				"prefix_layout": schema.StringAttribute{
					Optional: true,
					MarkdownDescription: "With prefix delegation, how single IPs (ENI primaries, trunk and branch ENIs, reserved and used " +
						"addresses) sit among the /28 blocks. `scattered` (default, conservative): every single IP spoils one eligible /28. " +
						"`packed`: single IPs fill the two edge blocks (27 IPs) first, then whole /28s.",
				},
				"fail_on_shortfall": schema.BoolAttribute{
					Optional: true,
					MarkdownDescription: "Report a subnet that does not fit as an error instead of a warning, so `terraform plan` stops. " +
						"Default `false`.",
				},
				"per_node": schema.SingleNestedAttribute{
					Computed: true,
					MarkdownDescription: "IPv4 addresses one node takes at `pods_per_node` pods, as ipamd allocates them; with " +
						"`os = \"windows\"`, the primary address and the VPC resource controller's warm pool on the primary ENI " +
						"(amazon-vpc-resource-controller-k8s v1.8.2: `min(S, max(pods + warm, minimum))` secondary IPs, or " +
						"`max(ceil((pods + warm)/16), ceil(minimum/16))` prefixes, S = IPv4 per ENI - 1).",
					Attributes: map[string]schema.Attribute{
						"network_interfaces": schema.Int64Attribute{Computed: true, MarkdownDescription: "ENIs attached to the node: the primary ENI, the ENIs carrying pod addresses and the trunk ENI."},
						"secondary_ips":      schema.Int64Attribute{Computed: true, MarkdownDescription: "Secondary IPs on the ENIs (0 with prefix delegation and IPv6)."},
						"prefixes":           schema.Int64Attribute{Computed: true, MarkdownDescription: "/28 prefixes on the ENIs, each 16 aligned addresses."},
						"node_subnet_ips":    schema.Int64Attribute{Computed: true, MarkdownDescription: "Addresses the node takes in its subnet (1 with custom networking)."},
						"pod_subnet_ips":     schema.Int64Attribute{Computed: true, MarkdownDescription: "Addresses taken in the pod subnet with custom networking, else 0."},
						"formula":            schema.StringAttribute{Computed: true, MarkdownDescription: "How the node's numbers come about, written from the ipamd replay's own numbers, e.g. `ENIs = ceil(10/9) + 1 = 3; node IPs = 3 x 10 = 30`. Where the warm target is above `max_pods` it ends with the replay's count (`; ipamd replay: ...`) and a warning says why."},
					},
				},
				"subnet_results": schema.ListNestedAttribute{
					Computed:            true,
					MarkdownDescription: "One result per element of `subnets`, in order.",
					NestedObject:        schema.NestedAttributeObject{Attributes: subnetResultAttributes()},
				},
				"pod_subnet_results": schema.ListNestedAttribute{
					Computed:            true,
					MarkdownDescription: "One result per element of `pod_subnets`, in order; null without custom networking.",
					NestedObject:        schema.NestedAttributeObject{Attributes: subnetResultAttributes()},
				},
				"max_nodes": schema.Int64Attribute{Computed: true, MarkdownDescription: "The most nodes all subnets hold together " +
					"(with custom networking, per pair the smaller of the node subnet's and the pod subnet's)."},
				"max_pods_total": schema.Int64Attribute{Computed: true, MarkdownDescription: "`max_nodes` x (`pods_per_node` + `branch_pods_per_node`)."},
				"fits":           schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether every subnet fits its planned nodes, surge and reserved addresses."},
				"shortfall_ips":  schema.Int64Attribute{Computed: true, MarkdownDescription: "Sum of the subnets' `shortfall_ips`."},
				"shortfall_blocks": schema.Int64Attribute{Computed: true, MarkdownDescription: "Sum of the subnets' `shortfall_blocks`: " +
					"aligned /28 blocks missing for prefixes (0 without prefix delegation)."},
				"warnings": schema.ListAttribute{Computed: true, ElementType: types.StringType,
					MarkdownDescription: "Every warning of this read as text (also shown as warning diagnostics), shortfalls included."},
				"data_version": dataVersionAttribute(),
			},
		),
	}
}

func (d *subnetCapacityDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m subnetCapacityModel
	readAnswer(ctx, req, resp, &m, func(d *diag.Diagnostics) bool { return m.compute(ctx, d) })
}

// compute answers the model's question into its computed attributes,
// reporting errors, warnings and shortfalls; false when there is no answer.
// The subnet_max_nodes function calls it too.
func (m *subnetCapacityModel) compute(ctx context.Context, diags *diag.Diagnostics) bool {
	in, ok := m.toCore(diags)
	if !ok {
		return false
	}
	res, warns, err := sizing.SubnetCapacity(in)
	addCoreWarnings(diags, warns)
	if err != nil {
		addCoreError(diags, "Cannot compute subnet capacity", err)
		return false
	}
	for _, s := range res.Shortfalls {
		if m.FailOnShortfall.ValueBool() {
			diags.AddAttributeError(fieldPath(s.Field), s.Summary, s.Detail+" (fail_on_shortfall = true)")
		} else {
			diags.AddAttributeWarning(fieldPath(s.Field), s.Summary, s.Detail)
		}
	}
	if diags.HasError() {
		return false
	}
	m.copyResult(ctx, res, append(warns, res.Shortfalls...), diags)
	return !diags.HasError()
}

// toCore converts the model through the shared groups' conversions.
func (m subnetCapacityModel) toCore(diags *diag.Diagnostics) (sizing.SubnetCapacityInput, bool) {
	inst, err := m.resolve()
	if err != nil {
		addCoreError(diags, "Invalid instance", err)
		return sizing.SubnetCapacityInput{}, false
	}
	in := sizing.SubnetCapacityInput{
		NodeIPsInput:        nodeIPsInputOf(inst, m.networkingModel, m.warmTargetsModel, m.MaxPods, m.PodsPerNode, m.BranchPodsPerNode),
		NodeCount:           clampInt(m.NodeCount.ValueInt64()),
		SurgeNodesPerSubnet: intPtr(m.SurgeNodesPerSubnet),
		Reserved:            m.Reserved.toCore(),
		PrefixLayout:        m.PrefixLayout.ValueString(),
	}
	var errs, podErrs []error
	in.Subnets, errs = subnetSpecs(sizing.FieldSubnets, m.Subnets)
	in.PodSubnets, podErrs = subnetSpecs(sizing.FieldPodSubnets, m.PodSubnets)
	for _, err := range append(errs, podErrs...) {
		addCoreError(diags, "Invalid subnet", err)
	}
	return in, !diags.HasError()
}

// nodeIPsInputOf is the conversion of one node's settings, shared by
// ekssize_subnet_capacity and the node_ips and subnet_max_nodes functions.
func nodeIPsInputOf(inst ec2data.Instance, n networkingModel, w warmTargetsModel, maxPods, podsPerNode, branchPods types.Int64) sizing.NodeIPsInput {
	return sizing.NodeIPsInput{
		Instance:          inst,
		Networking:        n.toCore(),
		Warm:              w.toCore(),
		MaxPods:           intPtr(maxPods),
		PodsPerNode:       intPtr(podsPerNode),
		BranchPodsPerNode: clampInt(branchPods.ValueInt64()),
	}
}

// toCore converts the reserved object; null reserves nothing.
func (r *subnetReservedModel) toCore() sizing.ReservedIPs {
	if r == nil {
		return sizing.ReservedIPs{}
	}
	return sizing.ReservedIPs{
		ApplicationLoadBalancers: clampInt(r.ApplicationLoadBalancers.ValueInt64()),
		NetworkLoadBalancers:     clampInt(r.NetworkLoadBalancers.ValueInt64()),
		InterfaceEndpoints:       clampInt(r.InterfaceEndpoints.ValueInt64()),
		FargatePods:              clampInt(r.FargatePods.ValueInt64()),
		OtherIPs:                 clampInt(r.OtherIPs.ValueInt64()),
	}
}

// subnetSpecs converts the subnets of the list attribute list ("subnets",
// "pod_subnets"); nil stays nil.
func subnetSpecs(list string, subnets []subnetModel) ([]sizing.SubnetSpec, []error) {
	if subnets == nil {
		return nil, nil
	}
	out := make([]sizing.SubnetSpec, len(subnets))
	var errs []error
	for i, s := range subnets {
		var e []error
		out[i], e = s.toCore(fmt.Sprintf("%s[%d]", list, i))
		errs = append(errs, e...)
	}
	return out, errs
}

// toCore converts one subnet object; path names it in errors ("subnets[2]",
// or "" for the subnet functions' top-level subnet). A null prefix reservation
// is an *sizing.InputError on its element.
func (s subnetModel) toCore(path string) (sizing.SubnetSpec, []error) {
	spec := sizing.SubnetSpec{
		Name:                    s.Name.ValueString(),
		CIDRBlock:               s.CIDRBlock.ValueString(),
		AvailableIPAddressCount: intPtr(s.AvailableIPAddressCount),
		ClusterSubnet:           s.ClusterSubnet.ValueBool(),
	}
	var errs []error
	for j, e := range s.PrefixReservations.Elements() {
		c, _ := e.(types.String)
		if c.IsNull() {
			field := fmt.Sprintf("%s[%d]", sizing.FieldPrefixReservations, j)
			if path != "" {
				field = path + "." + field
			}
			errs = append(errs, &sizing.InputError{Field: field,
				Msg: "prefix_reservations contains null; every element must be a CIDR block such as \"10.0.0.64/26\""})
			continue
		}
		spec.PrefixReservations = append(spec.PrefixReservations, c.ValueString())
	}
	return spec, errs
}

// copyResult copies the core's answer into the model.
func (m *subnetCapacityModel) copyResult(ctx context.Context, res sizing.SubnetCapacityResult, warns []sizing.Warning, diags *diag.Diagnostics) {
	u := res.PerNode
	m.MaxPods = types.Int64Value(int64(u.MaxPods))
	m.PodsPerNode = types.Int64Value(int64(u.PodsPerNode))
	m.PerNode = perNodeOf(u)
	m.SubnetResults = subnetResultList(ctx, res.Subnets, diags)
	m.PodSubnetResults = types.ListNull(subnetResultObjectType)
	if res.PodSubnets != nil {
		m.PodSubnetResults = subnetResultList(ctx, res.PodSubnets, diags)
	}
	m.TotalMaxNodes = types.Int64Value(int64(res.MaxNodes))
	m.MaxPodsTotal = types.Int64Value(int64(res.MaxPodsTotal))
	m.Fits = types.BoolValue(res.Fits)
	m.ShortfallIPs = types.Int64Value(int64(res.ShortfallIPs))
	m.ShortfallBlocks = types.Int64Value(int64(res.ShortfallBlocks))
	texts := make([]string, len(warns))
	for i, w := range warns {
		texts[i] = fmt.Sprintf("%s: %s", w.Summary, w.Detail)
	}
	var d diag.Diagnostics
	m.Warnings, d = types.ListValueFrom(ctx, types.StringType, texts)
	diags.Append(d...)
	m.DataVersion = types.StringValue(ec2data.DataVersion())
}

// perNodeOf copies one node's IP usage; the node_ips function returns it too.
func perNodeOf(u sizing.NodeUsage) *perNodeModel {
	return &perNodeModel{
		NetworkInterfaces: types.Int64Value(int64(u.NetworkInterfaces)),
		SecondaryIPs:      types.Int64Value(int64(u.SecondaryIPs)),
		Prefixes:          types.Int64Value(int64(u.Prefixes)),
		NodeSubnetIPs:     types.Int64Value(int64(u.NodeSubnetIPs)),
		PodSubnetIPs:      types.Int64Value(int64(u.PodSubnetIPs)),
		Formula:           types.StringValue(u.Formula()),
	}
}

func subnetResultList(ctx context.Context, rs []sizing.SubnetResult, diags *diag.Diagnostics) types.List {
	out := make([]subnetResultModel, len(rs))
	for i, r := range rs {
		name := types.StringNull()
		if r.Name != "" {
			name = types.StringValue(r.Name)
		}
		out[i] = subnetResultModel{
			Name:                        name,
			CIDRBlock:                   types.StringValue(r.CIDRBlock),
			TotalIPs:                    types.Int64Value(int64(r.TotalIPs)),
			UsableIPs:                   types.Int64Value(int64(r.UsableIPs)),
			FreeIPs:                     types.Int64Value(int64(r.FreeIPs)),
			PrefixEligibleBlocks:        types.Int64Value(int64(r.PrefixEligibleBlocks)),
			ReservedIPs:                 types.Int64Value(int64(r.ReservedIPs)),
			KeepFreeIPs:                 types.Int64Value(int64(r.KeepFreeIPs)),
			PlannedNodes:                types.Int64Value(int64(r.PlannedNodes)),
			SurgeNodes:                  types.Int64Value(int64(r.SurgeNodes)),
			IPsPerNode:                  types.Int64Value(int64(r.IPsPerNode)),
			RequiredIPs:                 types.Int64Value(int64(r.RequiredIPs)),
			HeadroomIPs:                 types.Int64Value(int64(r.HeadroomIPs)),
			MaxNodes:                    types.Int64Value(int64(r.MaxNodes)),
			Fits:                        types.BoolValue(r.Fits),
			ShortfallIPs:                types.Int64Value(int64(r.ShortfallIPs)),
			ShortfallBlocks:             types.Int64Value(int64(r.ShortfallBlocks)),
			SmallestFittingPrefixLength: types.Int64Value(int64(r.SmallestFittingPrefixLength)),
		}
	}
	elems := make([]attr.Value, len(out))
	for i, r := range out {
		obj, d := objectFrom(ctx, subnetResultObjectType, r)
		diags.Append(d...)
		elems[i] = obj
	}
	l, d := types.ListValue(subnetResultObjectType, elems)
	diags.Append(d...)
	return l
}
