meta:
  id: mptcp_option
  endian: be
doc: placeholder, replaced by the full RFC 8684 layout
seq:
  - id: kind
    type: u1
  - id: length
    type: u1
  - id: subtype_byte
    type: u1
