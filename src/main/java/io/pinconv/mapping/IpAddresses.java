package io.pinconv.mapping;

/**
 * Whether text is an IPv4 or IPv6 address, read character by character: InetAddress would look up a
 * host name it does not recognise as an address, a DNS query per row for text a segment got wrong.
 * IPv4 is four decimal parts 0 to 255 without leading zeros (some readers take 010 as octal); IPv6 is
 * eight groups of up to four hex digits, one "::" for a run of zero groups, and an optional IPv4 tail
 * (::ffff:192.0.2.1). Zone ids (fe80::1%eth0), brackets and ports are no address Pinterest takes.
 */
final class IpAddresses {

    private IpAddresses() {}

    static boolean isAddress(String text) {
        return isIpv4(text) || isIpv6(text);
    }

    static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty()
                    || part.length() > 3
                    || (part.length() > 1 && part.charAt(0) == '0')
                    || !allDigits(part)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap < 0) {
            return groups(text, true) == 8;
        }
        if (text.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        int before = groups(text.substring(0, gap), false);
        int after = groups(text.substring(gap + 2), true);
        // "::" stands for at least one zero group
        return before >= 0 && after >= 0 && before + after <= 7;
    }

    /** How many 16-bit groups a colon-separated run holds (an IPv4 tail counts two), or -1 when it is malformed. */
    private static int groups(String run, boolean mayEndInIpv4) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] parts = run.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (mayEndInIpv4 && i == parts.length - 1 && part.indexOf('.') >= 0) {
                if (!isIpv4(part)) {
                    return -1;
                }
                groups += 2;
            } else if (!part.isEmpty() && part.length() <= 4 && allHex(part)) {
                groups++;
            } else {
                return -1;
            }
        }
        return groups;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean allHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
