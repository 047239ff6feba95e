package org.drover.module.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's FreeBSD virtual facts from sysctl values: kern.vm_guest decides the type (hw.hv_vendor and
 * security.jail.jailed only add to virtualization_tech_guest, as in Ansible, whose first product check always wins),
 * then hw.model; /dev/xen/xenstore first of all.
 */
final class Virtual {
    private Virtual() {}

    static Map<String, Object> facts(Map<String, String> sysctl) {
        String type = "";
        String role = "";
        Set<String> guest = new LinkedHashSet<>();
        if (sysctl.containsKey("xenstore")) {
            guest.add("xen");
            type = "xen";
            role = "guest";
        }
        List<String> vmGuest = product("kern.vm_guest", sysctl.get("kern.vm_guest"));
        guest.addAll(vmGuest);
        guest.addAll(product("hw.hv_vendor", sysctl.get("hw.hv_vendor")));
        guest.addAll(product("security.jail.jailed", sysctl.get("security.jail.jailed")));
        if (type.isEmpty() && !vmGuest.isEmpty()) {
            type = vmGuest.get(0);
            role = "guest";
        }
        String model = sysctl.get("hw.model");
        String vendor = "QEMU".equals(model) ? "kvm" : "OpenBSD".equals(model) ? "vmm" : null;
        if (vendor != null) {
            guest.add(vendor);
            if (type.isEmpty()) {
                type = vendor;
                role = "guest";
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("virtualization_type", type);
        f.put("virtualization_role", role);
        f.put("virtualization_tech_guest", new ArrayList<>(guest));
        f.put("virtualization_tech_host", List.of());
        return f;
    }

    /** The guest technologies a sysctl value names, in Ansible's order (its first is the type). */
    private static List<String> product(String key, String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        String v = value.stripTrailing();
        if (v.matches("(KVM|kvm|Bochs|SmartDC)[\\s\\S]*")) {
            out.add("kvm");
        }
        if (v.matches("[^\\n]*VMware[\\s\\S]*")) {
            out.add("VMware");
        }
        if (v.equals("VirtualBox")) {
            out.add("virtualbox");
        }
        if (v.matches("(HVM domU|XenPVH|XenPV|XenPVHVM)[\\s\\S]*")) {
            out.add("xen");
        }
        for (String[] exact : new String[][] {{"Hyper-V", "Hyper-V"}, {"Parallels", "parallels"},
                {"RHEV Hypervisor", "RHEV"}}) {
            if (v.equals(exact[0])) {
                out.add(exact[1]);
            }
        }
        if (key.equals("security.jail.jailed") && v.equals("1")) {
            out.add("jails");
        }
        return out;
    }
}
