// Anchor translation unit: the resource object libraries attach to this target.
