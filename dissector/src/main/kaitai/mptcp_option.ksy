meta:
  # The generated class is MptcpOptionWire so it does not clash with the record hierarchy
  # (org.mptcpinspect.dissector.mptcp.MptcpOption) that the Java side maps it into.
  id: mptcp_option_wire
  title: Multipath TCP option (TCP option kind 30), RFC 8684 and RFC 6824 (v0)
  endian: be
  xref:
    rfc: [8684, 6824]
doc: |
  One MPTCP option, from its kind octet to the end given by its length octet. The stream
  handed to this spec must end where the option ends: every "is this field present" decision
  below follows the option length (and DSS flags) exactly as Wireshark 4.0's
  dissect_tcpopt_mptcp does, and a field that would run past the option's end makes the
  parse fail, which the Java side reports as a malformed option.

  Every field is byte aligned; sub-byte fields (subtype, version, flags nibbles, flag bits)
  are value instances over the raw bytes, so that positions recorded with --read-pos are
  byte exact for the hex pane.
seq:
  - id: kind
    type: u1
    doc: always 30
  - id: length
    type: u1
    doc: option length in octets, kind and length octets included
  - id: subtype_byte
    type: u1
    doc: |
      upper nibble: MPTCP subtype; lower nibble depends on the subtype (MP_CAPABLE version,
      MP_JOIN / MP_PRIO flags, ADD_ADDR IPVer or echo bit, MP_TCPRST flags, reserved bits)
  - id: body
    type:
      switch-on: subtype
      cases:
        0: mp_capable
        1: mp_join
        2: dss
        3: add_addr
        4: remove_addr
        5: mp_prio
        6: mp_fail
        7: mp_fastclose
        8: mp_tcprst
    doc: absent (null) for subtypes RFC 8684 does not define (0x9 to 0xf)
instances:
  subtype:
    value: subtype_byte >> 4
  low_nibble:
    value: subtype_byte & 0x0f
types:
  mp_capable:
    doc: |
      RFC 8684 3.1. Length 4: v1 SYN; 12: v0 SYN, SYN/ACK; 20: third ACK (both keys);
      22: v1 third ACK with data-level length; 24: the same plus checksum. Other lengths carry
      only version and flags (that is all Wireshark shows for them).
    seq:
      - id: flags
        type: u1
        doc: A (checksum required) B (extensibility) C (no more subflows, v1) D-G H (HMAC)
      - id: sender_key
        type: u8
        if: has_keys
      - id: receiver_key
        type: u8
        if: has_keys and _root.length >= 20
      - id: data_level_length
        type: u2
        if: has_keys and _root.length >= 22
      - id: checksum
        type: u2
        if: _root.length == 24
    instances:
      version:
        value: _root.low_nibble
      has_keys:
        value: _root.length == 12 or _root.length == 20 or _root.length == 22 or _root.length == 24
  mp_join:
    doc: |
      RFC 8684 3.2. The option length alone says which handshake packet this is: 12 SYN,
      16 SYN/ACK, 24 third ACK. Any other length carries nothing past the subtype octet.
    seq:
      - id: address_id
        type: u1
        if: is_syn or is_syn_ack
      - id: receiver_token
        type: u4
        if: is_syn
      - id: sender_truncated_hmac
        type: u8
        if: is_syn_ack
      - id: sender_random
        type: u4
        if: is_syn or is_syn_ack
      - id: reserved
        type: u1
        if: is_ack
        doc: low 8 of the 12 reserved bits (the other 4 are the subtype octet's low nibble)
      - id: sender_hmac
        size: 20
        if: is_ack
    instances:
      is_syn:
        value: _root.length == 12
      is_syn_ack:
        value: _root.length == 16
      is_ack:
        value: _root.length == 24
  dss:
    doc: |
      RFC 8684 3.3. The flags octet says which of data ACK (4 or 8 octets) and mapping
      (DSN of 4 or 8 octets, subflow sequence number, data-level length) are present; the
      mapping's checksum is present when the option has two octets left for it.
    seq:
      - id: flags
        type: u1
        doc: 3 reserved bits, F (DATA_FIN), m (DSN is 8 octets), M (mapping), a (data ACK is 8 octets), A (data ACK)
      - id: data_ack
        type:
          switch-on: data_ack_is_8_octets
          cases:
            true: u8
            false: u4
        if: data_ack_present
      - id: data_sequence_number
        type:
          switch-on: dsn_is_8_octets
          cases:
            true: u8
            false: u4
        if: mapping_present
      - id: subflow_sequence_number
        type: u4
        if: mapping_present
      - id: data_level_length
        type: u2
        if: mapping_present
      - id: checksum
        type: u2
        if: mapping_present and _io.size - _io.pos >= 2
    instances:
      data_fin:
        value: (flags & 0x10) != 0
      dsn_is_8_octets:
        value: (flags & 0x08) != 0
      mapping_present:
        value: (flags & 0x04) != 0
      data_ack_is_8_octets:
        value: (flags & 0x02) != 0
      data_ack_present:
        value: (flags & 0x01) != 0
  add_addr:
    doc: |
      RFC 8684 3.4.1 (v1) and RFC 6824 3.4.1 (v0). Wireshark 4.0 never asks which version
      the connection uses: the option length alone decides the layout (8/10/16/18 IPv4,
      20/22/28/30 IPv6; 10/18/22/30 add a port; 16/18/28/30 add the 64-bit truncated HMAC),
      and the subtype octet's low nibble is shown as v0's IPVer when it is 4 or 6, otherwise
      as v1's flags with the echo bit. We follow it exactly, since tshark is the oracle.
      Other lengths carry only the address ID.
    seq:
      - id: address_id
        type: u1
      - id: address
        size: 'is_ipv4 ? 4 : 16'
        if: is_ipv4 or is_ipv6
      - id: port
        type: u2
        if: has_port
      - id: truncated_hmac
        type: u8
        if: has_truncated_hmac
    instances:
      is_ipv4:
        value: _root.length == 8 or _root.length == 10 or _root.length == 16 or _root.length == 18
      is_ipv6:
        value: _root.length == 20 or _root.length == 22 or _root.length == 28 or _root.length == 30
      has_port:
        value: _root.length == 10 or _root.length == 18 or _root.length == 22 or _root.length == 30
      has_truncated_hmac:
        value: _root.length == 16 or _root.length == 18 or _root.length == 28 or _root.length == 30
  remove_addr:
    doc: RFC 8684 3.4.2. One address ID per remaining octet (possibly none).
    seq:
      - id: address_ids
        size-eos: true
  mp_prio:
    doc: |
      RFC 8684 3.3.8 (length 3) and RFC 6824 3.3.8 (length 4, with the address ID). The
      backup flag is bit 0 of the subtype octet. Other lengths carry only the flags.
    seq:
      - id: address_id
        type: u1
        if: _root.length == 4
  mp_fail:
    doc: RFC 8684 3.7. 12 reserved bits, then the 64-bit data sequence number.
    seq:
      - id: reserved
        type: u1
        doc: low 8 of the 12 reserved bits
      - id: data_sequence_number
        type: u8
  mp_fastclose:
    doc: RFC 8684 3.5. 12 reserved bits, then the option receiver's 64-bit key.
    seq:
      - id: reserved
        type: u1
        doc: low 8 of the 12 reserved bits
      - id: receiver_key
        type: u8
  mp_tcprst:
    doc: RFC 8684 3.6. Flags U V W T are the subtype octet's low nibble; then the reason code.
    seq:
      - id: reason
        type: u1
