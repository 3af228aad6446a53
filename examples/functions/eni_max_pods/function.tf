terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# The VPC CNI eni-max-pods.txt value: never capped, whatever the CNI settings.
# AL2 bootstrap.sh, nodeadm and Karpenter size kube-reserved memory from it.
output "m5_4xlarge" {
  value = provider::ekssize::eni_max_pods("m5.4xlarge") # 8 x (30 - 1) + 2 = 234
}

# Where the EKS cap makes kubelet's max pods lower than eni-max-pods.txt.
locals {
  instance_types = ["m5.large", "m5.4xlarge", "c5.4xlarge", "p5.48xlarge"]
}

output "capped_types" {
  value = [
    for t in local.instance_types : t
    if provider::ekssize::max_pods(t) < provider::ekssize::eni_max_pods(t)
  ] # ["m5.4xlarge", "c5.4xlarge"]
}
