package provider

import (
	"context"
	"errors"
	"fmt"
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

var _ datasource.DataSource = (*nodeConfigDataSource)(nil)

// NewNodeConfigDataSource is the ekssize_node_config data source.
func NewNodeConfigDataSource() datasource.DataSource { return &nodeConfigDataSource{} }

type nodeConfigDataSource struct{}

// reservedModel is a kube_reserved or system_reserved object.
type reservedModel struct {
	CPU              types.String `tfsdk:"cpu"`
	Memory           types.String `tfsdk:"memory"`
	EphemeralStorage types.String `tfsdk:"ephemeral_storage"`
}

type clusterModel struct {
	Name                 types.String `tfsdk:"name"`
	APIServerEndpoint    types.String `tfsdk:"api_server_endpoint"`
	CertificateAuthority types.String `tfsdk:"certificate_authority"`
	ServiceCIDR          types.String `tfsdk:"service_cidr"`
}

type amountsModel struct {
	CPUMillicores       types.Int64 `tfsdk:"cpu_millicores"`
	MemoryMiB           types.Int64 `tfsdk:"memory_mib"`
	EphemeralStorageMiB types.Int64 `tfsdk:"ephemeral_storage_mib"`
	Pods                types.Int64 `tfsdk:"pods"`
}

// nodeConfigInputs are the node-specific settings beside the shared instance
// and networking groups. max_pods, kube_reserved and eviction_hard are both
// inputs and results.
type nodeConfigInputs struct {
	AMIFamily                 types.String   `tfsdk:"ami_family"`
	MaxPods                   types.Int64    `tfsdk:"max_pods"`
	MaxPodsExpression         types.String   `tfsdk:"max_pods_expression"`
	KubeReservedBasis         types.String   `tfsdk:"kube_reserved_basis"`
	KubeReserved              *reservedModel `tfsdk:"kube_reserved"`
	SystemReserved            *reservedModel `tfsdk:"system_reserved"`
	EvictionHard              types.Map      `tfsdk:"eviction_hard"`
	RootVolumeSize            types.Int64    `tfsdk:"root_volume_size"`
	VMMemoryOverheadPercent   types.Float64  `tfsdk:"vm_memory_overhead_percent"`
	ExtraEBSVolumes           types.Int64    `tfsdk:"extra_ebs_volumes"`
	AttachedNetworkInterfaces types.Int64    `tfsdk:"attached_network_interfaces"`
	LaunchPath                types.String   `tfsdk:"launch_path"`
	Cluster                   *clusterModel  `tfsdk:"cluster"`
}

type nodeConfigResults struct {
	KubeReservedCPUMillicores types.Int64   `tfsdk:"kube_reserved_cpu_millicores"`
	KubeReservedMemoryMiB     types.Int64   `tfsdk:"kube_reserved_memory_mib"`
	Capacity                  *amountsModel `tfsdk:"capacity"`
	Allocatable               *amountsModel `tfsdk:"allocatable"`
	EBSVolumeLimit            types.Int64   `tfsdk:"ebs_volume_limit"`
	KarpenterReservedENIs     types.Int64   `tfsdk:"karpenter_reserved_enis"`
	KarpenterKubelet          types.Object  `tfsdk:"karpenter_kubelet"`
	KubeletExtraArgs          types.String  `tfsdk:"kubelet_extra_args"`
	NodeadmConfig             types.String  `tfsdk:"nodeadm_config"`
	AL2BootstrapExtraArgs     types.String  `tfsdk:"al2_bootstrap_extra_args"`
	BottlerocketSettings      types.String  `tfsdk:"bottlerocket_settings"`
	BottlerocketSettingsTOML  types.String  `tfsdk:"bottlerocket_settings_toml"`
	DataVersion               types.String  `tfsdk:"data_version"`
}

type nodeConfigModel struct {
	instanceModel
	networkingModel
	nodeConfigInputs
	nodeConfigResults
	// InstanceTypes and ByInstanceType are the batch form, as ekssize_max_pods has.
	InstanceTypes  types.List `tfsdk:"instance_types"`
	ByInstanceType types.Map  `tfsdk:"by_instance_type"`
}

// nodeConfigBatchAttrTypes is one by_instance_type entry: the numbers of the
// single form, per type (the renderings describe one node and stay single-type).
var nodeConfigBatchAttrTypes = map[string]attr.Type{
	"max_pods": types.Int64Type, "kube_reserved_cpu_millicores": types.Int64Type, "kube_reserved_memory_mib": types.Int64Type,
	"allocatable_cpu_millicores": types.Int64Type, "allocatable_memory_mib": types.Int64Type,
	"allocatable_ephemeral_storage_mib": types.Int64Type, "allocatable_pods": types.Int64Type,
	"capacity_memory_mib": types.Int64Type, "ebs_volume_limit": types.Int64Type, "karpenter_reserved_enis": types.Int64Type,
}

func nodeConfigBatchAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"instance_types": schema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: "Batch form: " +
			"instance types from the embedded table, each sized with the same settings into `by_instance_type`. Use instead of " +
			"`instance_type` and `instance`; the single-type results and renderings are then null, and `cluster` is not allowed " +
			"(a NodeConfig describes one node: for one NodeConfig over several types see `ekssize_max_pods_expression`)."},
		"by_instance_type": schema.MapAttribute{Computed: true, ElementType: types.ObjectType{AttrTypes: nodeConfigBatchAttrTypes},
			MarkdownDescription: "With `instance_types`: each type's `max_pods`, `kube_reserved_cpu_millicores`, " +
				"`kube_reserved_memory_mib`, allocatable CPU, memory, ephemeral storage and pods (`allocatable_*`), " +
				"`capacity_memory_mib`, `ebs_volume_limit` (null when unknown) and `karpenter_reserved_enis`, exactly as the single " +
				"form computes them for that type. Null otherwise."},
	}
}

func (d *nodeConfigDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_node_config"
}

// karpenterKubeletTypes is the object type of karpenter_kubelet: the
// EC2NodeClass spec.kubelet fields, spelled as Karpenter spells them.
var karpenterKubeletTypes = map[string]attr.Type{
	"maxPods":        types.Int64Type,
	"kubeReserved":   types.MapType{ElemType: types.StringType},
	"systemReserved": types.MapType{ElemType: types.StringType},
	"evictionHard":   types.MapType{ElemType: types.StringType},
}

func reservedAttributes(what string, computed bool) map[string]schema.Attribute {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{Optional: true, Computed: computed, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"cpu": str("CPU " + what + ", a Kubernetes quantity in millicores (`70m`) or cores (`0.5`, `1`)."),
		"memory": str("Memory " + what + ", a Kubernetes quantity in bytes with an optional binary (`574Mi`, `1Gi`) or " +
			"decimal (`600M`) suffix."),
		"ephemeral_storage": str("Ephemeral storage " + what + ", a Kubernetes byte quantity such as `1Gi`."),
	}
}

func amountsAttributes(what string) map[string]schema.Attribute {
	rounding := "."
	if what == "allocatable" {
		rounding = ", rounded down."
	}
	return map[string]schema.Attribute{
		"cpu_millicores":        schema.Int64Attribute{Computed: true, MarkdownDescription: "CPU " + what + ", in millicores."},
		"memory_mib":            schema.Int64Attribute{Computed: true, MarkdownDescription: "Memory " + what + ", in MiB" + rounding},
		"ephemeral_storage_mib": schema.Int64Attribute{Computed: true, MarkdownDescription: "Ephemeral storage " + what + ", in MiB" + rounding},
		"pods":                  schema.Int64Attribute{Computed: true, MarkdownDescription: "Pods " + what + ": `max_pods`."},
	}
}

// sensitiveNote explains why the renderings that can carry the cluster's CA
// are sensitive (issue 14 item 14).
const sensitiveNote = "Sensitive: with `cluster` set it carries `cluster.certificate_authority`, and Terraform does not carry a " +
	"sensitive input's mark over to a data source's results, so the provider marks the attribute itself. Resource arguments " +
	"(user data, `cloudinit_config` parts) take it as is; an `output` of it needs `sensitive = true`, and `nonsensitive()` " +
	"shows it where no CA is in it."

func sensitiveString(desc string) schema.Attribute {
	return schema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: desc}
}

func nodeConfigAttributes() map[string]schema.Attribute {
	computedString := func(desc string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	computedInt := func(desc string) schema.Attribute {
		return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"ami_family": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "AMI family the node configuration is rendered for: `al2023` (default, nodeadm), `al2` (`bootstrap.sh`) " +
				"or `bottlerocket`. The renderings for the other families are null; `karpenter_kubelet` is always set. All three are Linux " +
				"AMIs, so `os = \"windows\"` is an error.",
		},
		"launch_path": launchPathAttribute(),
		"max_pods_expression": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "A nodeadm `maxPodsExpression` (AL2023 only; a CEL expression over `default_enis`, `ips_per_eni` " +
				"and `max_pods`, such as `ekssize_max_pods_expression`'s `expression`). When set, `max_pods` is what nodeadm computes " +
				"from it for this instance type, exactly as nodeadm does at amazon-eks-ami 81fec2e8 (cel-go v0.29.2, nodeadm's own " +
				"instance data, and its fallback to its default, with a warning naming the reason, when the expression does not " +
				"compile or gives a non-integer, <= 0 or > 2147483647); kube-reserved memory is computed from that result, as nodeadm " +
				"does; and `nodeadm_config` carries `maxPodsExpression` instead of a literal `maxPods`, and only the `kube_reserved` " +
				"entries you set (nodeadm computes the others on each node), so one NodeConfig serves every instance type. A warning " +
				"says when nodeadm's answer exceeds what the VPC CNI can address on the type. Cannot be combined with `max_pods` " +
				"(nodeadm lets a literal `maxPods` win), `kube_reserved_basis = \"eni\"`, or an `ami_family` other than `al2023`.",
		},
		"max_pods": schema.Int64Attribute{
			CustomType: wholeNumber,
			Optional:   true,
			Computed:   true,
			MarkdownDescription: "kubelet max pods. Unset, it is computed as `ekssize_max_pods` computes it from the same instance and " +
				"networking settings; set, it is used as given (a warning says so when it exceeds the pod IPs the node can get).",
		},
		"kube_reserved_basis": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Pods count P in kube-reserved memory = 11 x P + 255 MiB. `eni`: the type's ENI max pods, as nodeadm (from " +
				"its own uncapped ENI max pods, whatever `maxPods` the node runs with; its table gives i7ie.48xlarge, i7ie.metal-48xl, " +
				"i8ge.48xlarge and i8ge.metal-48xl more ENIs than `eni_max_pods` counts, and `al2023` follows it) and AL2 " +
				"`bootstrap.sh` (`eni_max_pods`, from `eni-max-pods.txt`, even with `--use-max-pods false`) compute it; with prefix delegation this under-reserves memory, and a warning says " +
				"by how much. `max_pods`: the max pods this node is configured with, as Bottlerocket computes it (from " +
				"`settings.kubernetes.max-pods`). Karpenter follows the same split (ENI pods for AL2023 and AL2, max pods for " +
				"Bottlerocket). Default: the one that mirrors `ami_family`, `eni` for `al2023` and `al2`, `max_pods` for `bottlerocket` " +
				"(`m5.4xlarge`, 110 max pods: 2829Mi on AL2023 and AL2, 1465Mi on Bottlerocket). Every rendering, `karpenter_kubelet` " +
				"included, carries the resulting value.",
		},
		"kube_reserved": checkedObject(schema.SingleNestedAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "kube-reserved, as rendered into every configuration. Each value you set replaces the computed one " +
				"and is echoed as you wrote it; the others are computed with the formulas nodeadm, `bootstrap.sh`, Bottlerocket and " +
				"Karpenter share: CPU 6% of the first core, 1% of the second, 0.5% of the third and fourth, 0.25% of the rest (`70m` " +
				"for 2 vCPUs); memory 11 x P + 255 MiB with P from `kube_reserved_basis` (`574Mi` for 29 pods); ephemeral storage `1Gi`.",
			Attributes: reservedAttributes("reserved for kubelet and the container runtime", true),
		}),
		"system_reserved": checkedObject(schema.SingleNestedAttribute{
			Optional: true,
			MarkdownDescription: "system-reserved for the OS daemons. None by default (as the EKS AMIs and Karpenter); when set, it is " +
				"rendered into every configuration and subtracted from allocatable.",
			Attributes: reservedAttributes("reserved for the operating system", false),
		}),
		"eviction_hard": schema.MapAttribute{
			ElementType: types.StringType,
			Optional:    true,
			Computed:    true,
			MarkdownDescription: "Hard eviction thresholds. Defaults `memory.available` = `100Mi`, `nodefs.available` = `10%`, " +
				"`nodefs.inodesFree` = `5%` (nodeadm, the AL2 AMI and Karpenter). Entries you set replace or add to the defaults and " +
				"the result is the merged map. Signals: `memory.available`, `nodefs.available`, `nodefs.inodesFree`, " +
				"`imagefs.available`, `imagefs.inodesFree`, `pid.available` (what Karpenter accepts); values are a percentage with at most " +
				"two decimals (`7.5%`) or a quantity (`500Mi`). When set, the whole merged map is rendered into the node configurations " +
				"(kubelet drops signals a partial `evictionHard` leaves out). `memory.available` and `nodefs.available` are subtracted " +
				"from allocatable as Karpenter does: a percentage of capacity, rounded up; `100%` disables the signal. kubelet " +
				"disables a threshold only when its text is exactly `0%` or `100%` (another spelling such as `100.00%` would be a real " +
				"100% threshold that evicts every pod), so any spelling of 0 or 100 percent is written `0%` / `100%` in this map and " +
				"in every rendering.",
		},
		"root_volume_size": schema.Int64Attribute{
			CustomType: wholeNumber,
			Optional:   true,
			MarkdownDescription: "Size in GiB of the EBS volume kubelet's nodefs is on: the root volume, or the data volume on " +
				"Bottlerocket (Karpenter's ephemeral block device). Default `20`, as Karpenter and the EKS AMIs.",
		},
		"vm_memory_overhead_percent": schema.Float64Attribute{
			Optional: true,
			MarkdownDescription: "Share of memory lost to the hypervisor and kernel, as a fraction: Karpenter's " +
				"`VM_MEMORY_OVERHEAD_PERCENT`, default `0.075`. Capacity memory is memory MiB (minus 64 MiB on arm64) minus the ceiling " +
				"of this fraction of it.",
		},
		"extra_ebs_volumes": schema.Int64Attribute{
			CustomType:          wholeNumber,
			Optional:            true,
			MarkdownDescription: "EBS volumes attached at boot besides the root volume (default `0`). Each takes an attachment slot.",
		},
		"attached_network_interfaces": schema.Int64Attribute{
			CustomType: wholeNumber,
			Optional:   true,
			MarkdownDescription: "ENIs attached to the node at steady state (default `1`). On `shared` EBS types every ENI beyond the " +
				"first takes an EBS attachment slot.",
		},
		"cluster": checkedObject(schema.SingleNestedAttribute{
			Optional: true,
			MarkdownDescription: "The cluster to join. When set, `nodeadm_config` is a complete NodeConfig (with `spec.cluster`) and " +
				"`bottlerocket_settings_toml` includes the cluster settings. Leave it unset when something else writes them " +
				"(terraform-aws-eks, managed node groups, Karpenter). Every field is checked (an empty one is an error, not a " +
				"document the node cannot join with).",
			Attributes: map[string]schema.Attribute{
				"name": schema.StringAttribute{Required: true, MarkdownDescription: "Cluster name (`aws_eks_cluster.name`): 1 to " +
					"100 letters, digits, hyphens and underscores, starting with a letter or digit (the EKS CreateCluster rule)."},
				"api_server_endpoint": schema.StringAttribute{Required: true, MarkdownDescription: "API server URL " +
					"(`aws_eks_cluster.endpoint`), an `https://` URL."},
				"certificate_authority": schema.StringAttribute{Required: true, Sensitive: true, MarkdownDescription: "Base64-encoded " +
					"CA bundle (`aws_eks_cluster.certificate_authority[0].data`): base64 of a PEM certificate, as kubelet's " +
					"`certificate-authority-data` takes it. Sensitive, and so are the outputs that carry it (`nodeadm_config`, " +
					"`bottlerocket_settings_toml`): Terraform does not carry a sensitive input's mark over to a data source's results."},
				"service_cidr": schema.StringAttribute{Required: true, MarkdownDescription: "Service CIDR " +
					"(`aws_eks_cluster.kubernetes_network_config[0].service_ipv4_cidr`), /12 to /24 for IPv4. nodeadm takes it as " +
					"`cidr`; Bottlerocket's `cluster-dns-ip` is its tenth address (`10.100.0.10` for `10.100.0.0/16`)."},
			},
		}),

		"kube_reserved_cpu_millicores": computedInt("kube-reserved CPU in millicores (`70` for 2 vCPUs)."),
		"kube_reserved_memory_mib":     computedInt("kube-reserved memory in MiB, rounded up (`574` for 29 pods)."),
		"capacity": schema.SingleNestedAttribute{
			Computed: true,
			MarkdownDescription: "Node capacity as Karpenter models it: vCPUs x 1000; memory after the arm64 and VM overhead " +
				"deductions; `root_volume_size`; max pods.",
			Attributes: amountsAttributes("capacity"),
		},
		"allocatable": schema.SingleNestedAttribute{
			Computed: true,
			MarkdownDescription: "What the scheduler can place on the node, as Karpenter computes it: capacity minus kube-reserved, " +
				"system-reserved and the `memory.available` / `nodefs.available` eviction thresholds. `m5.large`: 1930m, 6903 MiB, " +
				"17408 MiB, 29 pods. A resource reserved beyond capacity is 0, with a warning.",
			Attributes: amountsAttributes("allocatable"),
		},
		"ebs_volume_limit": computedInt("EBS volumes the EBS CSI driver lets pods attach: the type's attachment limit minus the root " +
			"volume and `extra_ebs_volumes`, and on `shared` types minus `attached_network_interfaces` - 1; never below 1 " +
			"(`m5.large` 26, `m7i.large` 31). Null if the type's limit is unknown."),
		"karpenter_reserved_enis": computedInt("Karpenter's `RESERVED_ENIS` setting matching the networking settings: one for " +
			"custom networking, one for security groups for pods (the trunk ENI), plus `reserved_enis`. `max_eni` is not included " +
			"(RESERVED_ENIS is one number for all instance types)."),
		"karpenter_kubelet": schema.ObjectAttribute{
			Computed:       true,
			AttributeTypes: karpenterKubeletTypes,
			MarkdownDescription: "A Karpenter EC2NodeClass `spec.kubelet` block, ready for `yamlencode`. Fields: `maxPods` (number, " +
				"`max_pods`); `kubeReserved` (map of `cpu`, `memory`, `ephemeral-storage`, the values of `kube_reserved`); " +
				"`systemReserved` (map, `system_reserved`; null unless set, and Kubernetes drops null fields); `evictionHard` (map " +
				"of signal to threshold, always the merged `eviction_hard`).",
		},
		"kubelet_extra_args": computedString("The kubelet flags: `--max-pods=29 --kube-reserved=cpu=70m,memory=574Mi,ephemeral-storage=1Gi`, " +
			"plus `--system-reserved` and `--eviction-hard` when set."),
		"nodeadm_config": sensitiveString("For `ami_family = \"al2023\"`: a nodeadm NodeConfig YAML document (`node.eks.aws/v1alpha1`) " +
			"setting `kubelet.config` maxPods and kubeReserved (and systemReserved and evictionHard when set), or with " +
			"`max_pods_expression` setting `kubelet.maxPodsExpression` and only the kube-reserved entries you gave, with `spec.cluster` " +
			"when `cluster` is set. Use it as a `cloudinit_config` part of content type `application/node.eks.aws`, or as " +
			"terraform-aws-eks `cloudinit_pre_nodeadm`; nodeadm merges it with the other NodeConfig documents. " + sensitiveNote),
		"al2_bootstrap_extra_args": computedString("For `ami_family = \"al2\"`: arguments for `/etc/eks/bootstrap.sh` (terraform-aws-eks " +
			"`bootstrap_extra_args`): `--use-max-pods false --kubelet-extra-args '--max-pods=29 --kube-reserved=...'`. " +
			"`%` is written `%%` because bootstrap.sh puts the flags in a systemd unit, where `%` starts a specifier."),
		"bottlerocket_settings": computedString("For `ami_family = \"bottlerocket\"`: TOML lines to paste inside your existing " +
			"`[settings.kubernetes]` table: `max-pods = 29` and dotted keys such as `kube-reserved.cpu = \"70m\"`, so the table " +
			"is never written twice (Bottlerocket rejects that as \"User data was not a TOML format\")."),
		"bottlerocket_settings_toml": sensitiveString("For `ami_family = \"bottlerocket\"`: a complete `[settings.kubernetes]` document " +
			"(with the cluster settings when `cluster` is set) and its `kube-reserved`, `system-reserved` and `eviction-hard` tables, " +
			"for user data in which nothing else writes `[settings.kubernetes]`. " + sensitiveNote),
		"data_version": dataVersionAttribute(),
	}
}

func (d *nodeConfigDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "kube-reserved, eviction thresholds, capacity and allocatable for a node, and ready-to-use kubelet " +
			"settings for AL2023 (nodeadm), AL2 (`bootstrap.sh`), Bottlerocket and Karpenter that make the node reserve exactly " +
			"what is reported. kube-reserved mirrors the bootstrap of `ami_family` (nodeadm, AL2 `bootstrap.sh` or Bottlerocket; see " +
			"`kube_reserved_basis`), allocatable mirrors Karpenter, the EBS volume limit mirrors the EBS CSI driver. Takes the same " +
			"instance and networking settings as `ekssize_max_pods`.",
		Attributes: mergeAttributes(instanceAttributes(), networkingAttributes(), nodeConfigAttributes(), nodeConfigBatchAttributes()),
	}
}

func (d *nodeConfigDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m nodeConfigModel
	readAnswer(ctx, req, resp, &m, func(d *diag.Diagnostics) bool { return m.answer(ctx, d) })
}

// answer computes the data source's answer into m, the batch form or the
// single one (what Read and ValidateConfig run); false on an error.
func (m *nodeConfigModel) answer(ctx context.Context, diags *diag.Diagnostics) bool {
	m.ByInstanceType = types.MapNull(types.ObjectType{AttrTypes: nodeConfigBatchAttrTypes})
	if !m.InstanceTypes.IsNull() {
		return m.computeBatch(ctx, diags)
	}
	inst, err := m.resolve()
	if err != nil {
		addCoreError(diags, "Invalid instance", err)
		return false
	}
	return m.compute(ctx, inst, diags)
}

// checkBatchForm reports what cannot go with instance_types: the single
// form's instance_type or instance, and cluster. Read and ValidateConfig call
// it; an instance_type not known yet may still be null, so only a known one
// counts.
func (m *nodeConfigModel) checkBatchForm(diags *diag.Diagnostics) bool {
	if !m.instanceModel.checkBatchForm(diags) {
		return false
	}
	if m.Cluster != nil {
		diags.AddAttributeError(path.Root("cluster"), "Invalid cluster", "cluster renders the NodeConfig of one node, so it "+
			"cannot go with instance_types; for one NodeConfig over several types use ekssize_max_pods_expression")
		return false
	}
	return true
}

// computeBatch answers the batch form: the single form's core call per type,
// errors and warnings on the list element and naming the type.
func (m *nodeConfigModel) computeBatch(ctx context.Context, diags *diag.Diagnostics) bool {
	if !m.checkBatchForm(diags) {
		return false
	}
	batch, ok := batchInstances(ctx, m.InstanceTypes, diags)
	if !ok || diags.HasError() {
		return false
	}
	in := m.nodeConfigInputs.toCore(ec2data.Instance{}, m.networkingModel.toCore())
	in.EvictionHard = evictionHardOf(m.EvictionHard, diags)
	elems := map[string]attr.Value{}
	for _, b := range batch {
		i, key, inst := b.index, b.name, b.inst
		in.Instance = inst
		res, warns, err := sizing.NodeResources(in)
		for _, w := range warns {
			diags.AddAttributeWarning(fieldPath(w.Field), w.Summary, key+": "+w.Detail)
		}
		if err != nil {
			addCoreError(diags, "Cannot compute the node configuration", batchError(key, i, err))
			continue
		}
		elems[key] = types.ObjectValueMust(nodeConfigBatchAttrTypes, map[string]attr.Value{
			"max_pods":                          types.Int64Value(int64(res.MaxPods)),
			"kube_reserved_cpu_millicores":      types.Int64Value(res.KubeReservedCPUMillicores),
			"kube_reserved_memory_mib":          types.Int64Value(res.KubeReservedMemoryMiB),
			"allocatable_cpu_millicores":        types.Int64Value(res.Allocatable.CPUMillicores),
			"allocatable_memory_mib":            types.Int64Value(res.Allocatable.MemoryMiB),
			"allocatable_ephemeral_storage_mib": types.Int64Value(res.Allocatable.EphemeralStorageMiB),
			"allocatable_pods":                  types.Int64Value(int64(res.Allocatable.Pods)),
			"capacity_memory_mib":               types.Int64Value(res.Capacity.MemoryMiB),
			"ebs_volume_limit":                  int64Ptr(res.EBSVolumeLimit, res.EBSVolumeLimit > 0),
			"karpenter_reserved_enis":           types.Int64Value(int64(res.KarpenterReservedENIs)),
		})
	}
	if diags.HasError() {
		return false
	}
	m.ByInstanceType = types.MapValueMust(types.ObjectType{AttrTypes: nodeConfigBatchAttrTypes}, elems)
	m.setBatchNulls()
	return true
}

// batchError names the instance type in a core error; an error about the
// instance moves to its element of instance_types, others keep their attribute.
func batchError(name string, i int, err error) error {
	var ie *sizing.InputError
	if errors.As(err, &ie) {
		field := ie.Field
		if field == "instance_type" || strings.HasPrefix(field, "instance.") {
			field = fmt.Sprintf("instance_types[%d]", i)
		}
		return &sizing.InputError{Field: field, Msg: name + ": " + ie.Msg}
	}
	return fmt.Errorf("%s: %w", name, err)
}

// setBatchNulls nulls the single-type results; the inputs stay as written.
func (m *nodeConfigModel) setBatchNulls() {
	m.KubeReservedCPUMillicores, m.KubeReservedMemoryMiB = types.Int64Null(), types.Int64Null()
	m.Capacity, m.Allocatable = nil, nil
	m.EBSVolumeLimit, m.KarpenterReservedENIs = types.Int64Null(), types.Int64Null()
	m.KarpenterKubelet = types.ObjectNull(karpenterKubeletTypes)
	m.KubeletExtraArgs, m.NodeadmConfig, m.AL2BootstrapExtraArgs = types.StringNull(), types.StringNull(), types.StringNull()
	m.BottlerocketSettings, m.BottlerocketSettingsTOML = types.StringNull(), types.StringNull()
	m.DataVersion = types.StringValue(ec2data.DataVersion())
	if m.EvictionHard.IsUnknown() {
		m.EvictionHard = types.MapNull(types.StringType)
	}
}

// compute answers the model's question for inst into its computed
// attributes, reporting errors and warnings; false when there is no answer.
// The kube_reserved function calls it too.
func (m *nodeConfigModel) compute(ctx context.Context, inst ec2data.Instance, diags *diag.Diagnostics) bool {
	in := m.nodeConfigInputs.toCore(inst, m.networkingModel.toCore())
	in.EvictionHard = evictionHardOf(m.EvictionHard, diags)
	if diags.HasError() {
		return false
	}
	res, warns, err := sizing.NodeResources(in)
	addCoreWarnings(diags, warns)
	if err != nil {
		addCoreError(diags, "Cannot compute the node configuration", err)
		return false
	}
	var cluster *render.Cluster
	if c := m.Cluster; c != nil {
		sc := c.toCore()
		dnsIP, err := sizing.ValidateCluster(sc)
		if err != nil {
			addCoreError(diags, "Invalid cluster", err)
			return false
		}
		cluster = &render.Cluster{Name: sc.Name, APIServerEndpoint: sc.APIServerEndpoint,
			CertificateAuthority: sc.CertificateAuthority, ServiceCIDR: sc.ServiceCIDR, DNSIP: dnsIP}
	}
	diags.Append(m.setResults(ctx, res, cluster)...)
	return !diags.HasError()
}

func (c *clusterModel) toCore() sizing.Cluster {
	return sizing.Cluster{
		Name:                 c.Name.ValueString(),
		APIServerEndpoint:    c.APIServerEndpoint.ValueString(),
		CertificateAuthority: c.CertificateAuthority.ValueString(),
		ServiceCIDR:          c.ServiceCIDR.ValueString(),
	}
}

// evictionHardOf converts eviction_hard; a null threshold is an error on its
// signal (the framework's conversion would blame the provider). nil when
// eviction_hard is null or unknown.
func evictionHardOf(m types.Map, diags *diag.Diagnostics) map[string]string {
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	out := make(map[string]string, len(m.Elements()))
	for signal, v := range m.Elements() {
		s, ok := v.(types.String)
		switch {
		case !ok:
			diags.AddAttributeError(path.Root(sizing.FieldEvictionHard).AtMapKey(signal), "Invalid eviction threshold",
				sizing.EvictionPath(signal)+" is not a string")
		case s.IsNull():
			diags.AddAttributeError(path.Root(sizing.FieldEvictionHard).AtMapKey(signal), "Invalid eviction threshold",
				sizing.EvictionPath(signal)+" is null; give a threshold such as \"100Mi\" or \"10%\", or leave the signal out for its default")
		case !s.IsUnknown():
			out[signal] = s.ValueString()
		}
	}
	return out
}

// toCore converts the node settings but eviction_hard (a map the caller
// converts with its own diagnostics); null means the default. The
// kube_reserved function converts its options with it too.
func (m nodeConfigInputs) toCore(inst ec2data.Instance, n sizing.Networking) sizing.NodeResourcesInput {
	in := sizing.NodeResourcesInput{
		Instance:                  inst,
		Networking:                launchPath(n, m.LaunchPath),
		AMIFamily:                 m.AMIFamily.ValueString(),
		MaxPods:                   intPtr(m.MaxPods),
		MaxPodsExpression:         m.MaxPodsExpression.ValueStringPointer(),
		KubeReservedBasis:         m.KubeReservedBasis.ValueString(),
		KubeReserved:              m.KubeReserved.toCore(),
		SystemReserved:            m.SystemReserved.toCore(),
		RootVolumeGiB:             intPtr(m.RootVolumeSize),
		ExtraEBSVolumes:           clampInt(m.ExtraEBSVolumes.ValueInt64()),
		AttachedNetworkInterfaces: intPtr(m.AttachedNetworkInterfaces),
	}
	if !m.VMMemoryOverheadPercent.IsNull() {
		v := m.VMMemoryOverheadPercent.ValueFloat64()
		in.VMMemoryOverheadPercent = &v
	}
	return in
}

func (r *reservedModel) toCore() sizing.ReservedInput {
	if r == nil {
		return sizing.ReservedInput{}
	}
	str := func(v types.String) *string {
		if v.IsNull() || v.IsUnknown() {
			return nil
		}
		return v.ValueStringPointer()
	}
	return sizing.ReservedInput{CPU: str(r.CPU), Memory: str(r.Memory), EphemeralStorage: str(r.EphemeralStorage)}
}

// setResults copies the core's answer and the renderings into the model. The
// values the user set (max_pods, kube_reserved entries) stay as written; the
// renderings carry the parsed quantities in canonical form.
func (m *nodeConfigModel) setResults(ctx context.Context, res sizing.NodeResourcesResult, cluster *render.Cluster) diag.Diagnostics {
	var diags diag.Diagnostics
	m.MaxPods = types.Int64Value(int64(res.MaxPods))
	m.KubeReserved = kubeReservedOf(m.KubeReserved, res.KubeReserved)
	evictions, d := types.MapValueFrom(ctx, types.StringType, res.EvictionHard)
	diags.Append(d...)
	m.EvictionHard = evictions

	m.KubeReservedCPUMillicores = types.Int64Value(res.KubeReservedCPUMillicores)
	m.KubeReservedMemoryMiB = types.Int64Value(res.KubeReservedMemoryMiB)
	m.Capacity = amountsOf(res.Capacity)
	m.Allocatable = amountsOf(res.Allocatable)
	m.EBSVolumeLimit = int64Ptr(res.EBSVolumeLimit, res.EBSVolumeLimit > 0)
	m.KarpenterReservedENIs = types.Int64Value(int64(res.KarpenterReservedENIs))

	nf := render.NodeFlags(res)
	kk := render.KarpenterKubelet(render.KarpenterFlags(res))
	karpenter, d := types.ObjectValue(karpenterKubeletTypes, map[string]attr.Value{
		"maxPods":        types.Int64Value(int64(kk.MaxPods)),
		"kubeReserved":   stringMap(ctx, kk.KubeReserved, &diags),
		"systemReserved": stringMap(ctx, kk.SystemReserved, &diags),
		"evictionHard":   stringMap(ctx, kk.EvictionHard, &diags),
	})
	diags.Append(d...)
	m.KarpenterKubelet = karpenter
	m.KubeletExtraArgs = types.StringValue(render.KubeletExtraArgs(nf))

	m.NodeadmConfig, m.AL2BootstrapExtraArgs = types.StringNull(), types.StringNull()
	m.BottlerocketSettings, m.BottlerocketSettingsTOML = types.StringNull(), types.StringNull()
	switch res.AMIFamily {
	case sizing.AMIFamilyAL2023:
		m.NodeadmConfig = types.StringValue(render.NodeadmConfig(render.NodeadmFlags(res), cluster))
	case sizing.AMIFamilyAL2:
		m.AL2BootstrapExtraArgs = types.StringValue(render.AL2BootstrapExtraArgs(nf))
	case sizing.AMIFamilyBottlerocket:
		m.BottlerocketSettings = types.StringValue(render.BottlerocketSettings(nf))
		m.BottlerocketSettingsTOML = types.StringValue(render.BottlerocketSettingsTOML(nf, cluster))
	}
	m.DataVersion = types.StringValue(ec2data.DataVersion())
	return diags
}

// kubeReservedOf is the kube_reserved result: each value the user set (in
// given, which may be nil) as written, the others as the core computed them.
// The kube_reserved function returns it too.
func kubeReservedOf(given *reservedModel, computed sizing.Reserved) *reservedModel {
	keep := func(v types.String, q sizing.Quantity) types.String {
		if v.IsNull() || v.IsUnknown() {
			return types.StringValue(q.Text)
		}
		return v
	}
	if given == nil {
		given = &reservedModel{}
	}
	return &reservedModel{
		CPU:              keep(given.CPU, computed.CPU),
		Memory:           keep(given.Memory, computed.Memory),
		EphemeralStorage: keep(given.EphemeralStorage, computed.EphemeralStorage),
	}
}

func amountsOf(a sizing.NodeAmounts) *amountsModel {
	return &amountsModel{
		CPUMillicores:       types.Int64Value(a.CPUMillicores),
		MemoryMiB:           types.Int64Value(a.MemoryMiB),
		EphemeralStorageMiB: types.Int64Value(a.EphemeralStorageMiB),
		Pods:                types.Int64Value(int64(a.Pods)),
	}
}

// stringMap is a Terraform map of strings; null for a nil map.
func stringMap(ctx context.Context, m map[string]string, diags *diag.Diagnostics) types.Map {
	if m == nil {
		return types.MapNull(types.StringType)
	}
	v, d := types.MapValueFrom(ctx, types.StringType, m)
	diags.Append(d...)
	return v
}
