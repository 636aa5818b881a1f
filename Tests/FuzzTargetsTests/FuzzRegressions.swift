import FuzzTargets

/// Inputs that trapped, hung or allocated without bound before a fix: the reproductions of the
/// hardening issue, and every crash `make fuzz` finds (minimised by libFuzzer, pasted as bytes).
enum FuzzRegressions {
    static let inputs: [FuzzTarget: [[UInt8]]] = [
        .pfx2as: [Array("1.0.0.0\t24\t18446744073709551616\n".utf8), Array("1.0.0.0\t18446744073709551616\t1\n".utf8)],
        .asRel: [Array("1|18446744073709551616|-1\n".utf8)],
        .tor: [Array("18446744073709551616,18446744073709551616,US\n".utf8)],
        .asNames: [Array("asn,name\n18446744073709551616,x\n".utf8)],
        .delegated: [
            Array("2|apnic|1|1|1|1|+1\napnic|*|ipv4|*|9223372036854775808|summary\n".utf8),
            Array("2|apnic|1|1|1|1|+1\napnic|KP|ipv4|255.255.255.0|18446744073709551615|1|allocated\n".utf8),
            Array("2|apnic|1|1|1|1|+1\napnic|KP|asn|4294967295|2|1|allocated\n".utf8),
        ],
    ]
}
