"""imr-search library: parse IMR determination letters, index them with Whoosh, search them."""
