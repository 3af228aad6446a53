terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

data "ekssize_instance_type" "m5" {
  instance_type = "m5.large"
}

output "m5_large" {
  value = {
    eni_max_pods                    = data.ekssize_instance_type.m5.eni_max_pods                    # 29
    default_card_network_interfaces = data.ekssize_instance_type.m5.default_card_network_interfaces # 3
    ipv4_per_interface              = data.ekssize_instance_type.m5.maximum_ipv4_addresses_per_interface
    branch_network_interfaces       = data.ekssize_instance_type.m5.branch_network_interfaces # 9
    ebs_attachment_limit            = data.ekssize_instance_type.m5.ebs_attachment_limit      # 27 (shared)
  }
}
