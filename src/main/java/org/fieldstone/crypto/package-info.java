/**
 * Keys and what is done with them: the master key (KEK), one Tink keyset per company wrapped by it (an AEAD
 * key for sensitive fields, a PRF key for blind indexes), their rotation and destruction. The module
 * holds no database of its own: wrapped keysets are kept by a {@link org.fieldstone.crypto.KeysetStore}
 * (the control plane). No cryptography is written here by hand; every primitive is Google Tink's.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package org.fieldstone.crypto;
