package kamal

// Releases lists every Kamal release hooklint models, oldest first: the v1.x and v2.x
// tags of basecamp/kamal without pre-releases. lock-model.md §1.1.
var Releases = []Version{
	V(1, 0, 0), V(1, 1, 0), V(1, 2, 0), V(1, 3, 0), V(1, 3, 1), V(1, 4, 0),
	V(1, 5, 0), V(1, 5, 1), V(1, 5, 2), V(1, 6, 0), V(1, 7, 0), V(1, 7, 1), V(1, 7, 2),
	V(1, 7, 3), V(1, 8, 0), V(1, 8, 1), V(1, 8, 2), V(1, 8, 3), V(1, 9, 0), V(1, 9, 1),
	V(1, 9, 2), V(1, 9, 3),
	V(2, 0, 0), V(2, 1, 0), V(2, 1, 1), V(2, 1, 2), V(2, 2, 0), V(2, 2, 1), V(2, 2, 2),
	V(2, 3, 0), V(2, 4, 0), V(2, 5, 0), V(2, 5, 1), V(2, 5, 2), V(2, 5, 3), V(2, 6, 0),
	V(2, 6, 1), V(2, 7, 0), V(2, 8, 0), V(2, 8, 1), V(2, 8, 2), V(2, 9, 0), V(2, 10, 0),
	V(2, 10, 1), V(2, 11, 0), V(2, 12, 0),
}
