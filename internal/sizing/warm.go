package sizing

// Field names of the VPC CNI warm-pool settings and the per-node inputs of
// ekssize_subnet_capacity, as the provider spells them.
const (
	fieldWarmENITarget     = "warm_eni_target"
	fieldWarmIPTarget      = "warm_ip_target"
	fieldMinimumIPTarget   = "minimum_ip_target"
	fieldWarmPrefixTarget  = "warm_prefix_target"
	FieldPodsPerNode       = "pods_per_node"
	fieldBranchPodsPerNode = "branch_pods_per_node"
)

// Defaults of the warm-pool settings.
const (
	// defaultWarmENITarget is ipamd's default WARM_ENI_TARGET.
	defaultWarmENITarget = 1
	// defaultWarmPrefixTarget is the WARM_PREFIX_TARGET that the shipped
	// aws-k8s-cni.yaml manifest, the Helm chart and the EKS add-on set. (ipamd's
	// own fallback when the variable is missing is 0, which behaves as "keep
	// at least one free IP", not as 1.)
	defaultWarmPrefixTarget = 1
)

// WarmTargets are the VPC CNI's warm-pool settings. A nil field is unset,
// which differs from 0 for WARM_ENI_TARGET (unset = 1) and WARM_PREFIX_TARGET
// (unset = 1). For WARM_IP_TARGET and MINIMUM_IP_TARGET ipamd itself treats 0
// and unset alike (its "no target" sentinel is 0), and so does this model.
type WarmTargets struct {
	// WarmENITarget is WARM_ENI_TARGET: whole spare ENIs of secondary IPs to keep.
	WarmENITarget *int
	// WarmIPTarget is WARM_IP_TARGET: spare IPs to keep. Overrides
	// WARM_ENI_TARGET and WARM_PREFIX_TARGET when non-zero.
	WarmIPTarget *int
	// MinimumIPTarget is MINIMUM_IP_TARGET: IPs (or prefix IPs) a node holds
	// at least. Overrides WARM_ENI_TARGET and WARM_PREFIX_TARGET when non-zero.
	MinimumIPTarget *int
	// WarmPrefixTarget is WARM_PREFIX_TARGET: spare /28 prefixes to keep in
	// prefix delegation mode.
	WarmPrefixTarget *int
}

// ResolvedWarm is WarmTargets with the defaults filled in.
type ResolvedWarm struct {
	WarmENI, WarmIP, MinimumIP, WarmPrefix int
}

// WarmIPDefined mirrors ipamd's warmIPTargetsDefined: either WARM_IP_TARGET or
// MINIMUM_IP_TARGET is non-zero, so the warm-IP rules replace the warm ENI and
// warm prefix rules.
func (w ResolvedWarm) WarmIPDefined() bool { return w.WarmIP > 0 || w.MinimumIP > 0 }

// warmTargetMax bounds every target to keep the arithmetic far from overflow;
// no instance holds anywhere near this many IPs or ENIs.
const warmTargetMax = 1 << 20

// Validate checks the settings and fills in defaults. ipamd silently replaces a
// negative or non-numeric value with the default; here a negative value is an
// error so a typo does not pass unnoticed.
func (w WarmTargets) Validate() (ResolvedWarm, error) {
	r := ResolvedWarm{WarmENI: defaultWarmENITarget, WarmPrefix: defaultWarmPrefixTarget}
	var err error
	if r.WarmENI, err = warmTarget(w.WarmENITarget, r.WarmENI, fieldWarmENITarget, "WARM_ENI_TARGET, whole spare ENIs; 0 keeps no spare ENI, unset means 1"); err != nil {
		return r, err
	}
	if r.WarmIP, err = warmTarget(w.WarmIPTarget, r.WarmIP, fieldWarmIPTarget, "WARM_IP_TARGET, spare IPs per node; 0 or unset means no warm-IP target"); err != nil {
		return r, err
	}
	if r.MinimumIP, err = warmTarget(w.MinimumIPTarget, r.MinimumIP, fieldMinimumIPTarget, "MINIMUM_IP_TARGET, IPs each node holds at least; 0 or unset means none"); err != nil {
		return r, err
	}
	r.WarmPrefix, err = warmTarget(w.WarmPrefixTarget, r.WarmPrefix, fieldWarmPrefixTarget, "WARM_PREFIX_TARGET, spare /28 prefixes; 0 keeps no spare prefix, unset means 1")
	return r, err
}

// warmTarget is one warm-pool setting: v checked, or def when v is unset.
func warmTarget(v *int, def int, field, what string) (int, error) {
	if v == nil {
		return def, nil
	}
	if *v < 0 || *v > warmTargetMax {
		return def, inputErr(field, "%s is %d; it must be between 0 and %d (%s)", field, *v, warmTargetMax, what)
	}
	return *v, nil
}
