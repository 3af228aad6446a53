package sizing

// SubnetMaxNodesInput is the question of the subnet_max_nodes function: how
// many nodes one subnet holds next to what else takes its addresses. It is
// SubnetCapacityInput with one node subnet and no planned nodes; the subnet's
// attributes are named at the top level in fields and messages (cidr_block,
// available_ip_address_count, prefix_reservations[0], ...), the pod subnets as
// pod_subnets[i].
type SubnetMaxNodesInput struct {
	NodeIPsInput
	Subnet SubnetSpec
	// PodSubnets is the custom networking (ENIConfig) subnet, a list as in
	// SubnetCapacityInput so that the same rules (and messages) apply.
	PodSubnets   []SubnetSpec
	Reserved     ReservedIPs
	PrefixLayout string
}

// SubnetMaxNodes answers SubnetMaxNodesInput exactly as SubnetCapacity
// answers the same subnet: the result's MaxNodes is the answer. A subnet whose
// reserved and kept-free addresses exceed its free ones is in the result's
// Shortfalls, as SubnetCapacity reports it.
func SubnetMaxNodes(in SubnetMaxNodesInput) (SubnetCapacityResult, []Warning, error) {
	return SubnetCapacity(SubnetCapacityInput{
		NodeIPsInput: in.NodeIPsInput,
		Subnets:      []SubnetSpec{in.Subnet},
		PodSubnets:   in.PodSubnets,
		Reserved:     in.Reserved,
		PrefixLayout: in.PrefixLayout,
		nodeSubnets:  subnetList{topLevel: true},
	})
}
