package dev.tollgate.core.enrich;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Masks caller addresses: the last octet of IPv4, the last 80 bits of IPv6. */
final class ClientAddress {
  private ClientAddress() {}

  static String mask(String address) {
    if (address == null) {
      return null;
    }
    String a = address.strip();
    if (a.indexOf(':') >= 0) {
      return maskV6(a);
    }
    int dot = a.lastIndexOf('.');
    if (dot < 0) {
      return a;
    }
    String last = a.substring(dot + 1);
    return !last.isEmpty() && last.chars().allMatch(Character::isDigit)
        ? a.substring(0, dot) + ".0"
        : a;
  }

  private static String maskV6(String a) {
    if (!a.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == ':' || ch == '.')) {
      return a;
    }
    try {
      // A literal (only hex digits, colons, dots) is parsed without any name look-up.
      byte[] bytes = InetAddress.getByName(a).getAddress();
      if (bytes.length == 4) {
        // an IPv4-mapped address (::ffff:a.b.c.d) comes back as IPv4: mask it as such
        bytes[3] = 0;
        return InetAddress.getByAddress(bytes).getHostAddress();
      }
      if (bytes.length != 16) {
        return a;
      }
      Arrays.fill(bytes, 6, 16, (byte) 0);
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      return a;
    }
  }
}
