package claimcharts

// ReviewerWithheld stands in a review's Reviewer where the pool keeps its
// reviewers' identities private and the caller may not see them.
const ReviewerWithheld = "withheld"
