/**
 * Files pop3x writes beside the mail: {@link dev.pop3x.files.AtomicFile}, the one way a small file is replaced whole
 * (and the fsync rule). Depends on nothing else of pop3x.
 */
package dev.pop3x.files;
