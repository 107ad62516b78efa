package synth

// Sentence banks. All made up for this generator.

var companies = []string{"Alder", "Brightwater", "Copperline", "Driftwood", "Emberfield", "Foxglove", "Granite Bay",
	"Harrowgate", "Ironleaf", "Juniper", "Kestrel", "Lanternfish", "Meadowlark", "Northwind", "Orchard", "Pinecrest",
	"Quillon", "Redfern", "Saltmarsh", "Tidewell", "Umber", "Valemont", "Willowby", "Yarrow"}

var companySuffixes = []string{"Labs", "Health", "Logistics", "Bank", "Software", "Energy", "Retail", "Systems", "Group", "Mobility"}

var domains = []string{"parcel delivery", "home insurance", "small-business lending", "school timetabling", "veterinary clinics",
	"energy billing", "car sharing", "grocery delivery", "field maintenance", "hotel bookings", "payroll", "event ticketing"}

var products = []string{"Checkout", "Onboarding", "Mobile App", "Partner Portal", "Billing", "Search", "Scheduling",
	"Claims", "Payments", "Notifications", "Reporting", "Identity"}

var seniority = []string{"", "", "", "Senior ", "Junior ", "Lead ", "Sr. "}

var titleTails = []string{"", ", {product}", " – {product}", " ({product})", " - {product}", " (m/w/d)"}

var locations = []string{"Remote", "Hybrid", "On site", "Remote, EU time zones"}

var dutyHeadings = []string{"What you'll do", "Responsibilities", "Your responsibilities", "In this role you will"}

var skillHeadings = []string{"What you bring", "Requirements", "About you", "What we're looking for"}

var aboutSentences = []string{
	"{company} builds software for {domain} and has grown steadily for the last eight years.",
	"More than two thousand customers rely on us every day to run their {domain} work.",
	"We are a team of about one hundred and forty people spread across three offices and many home desks.",
	"Our engineers, designers and analysts work in small cross-functional teams with a lot of autonomy.",
	"We care about simple tools that save people time, and we measure ourselves by how much time we save.",
	"The company is owned by its founders and a small group of long-term investors.",
	"Last year we opened a second office and doubled the size of our customer support team.",
	"We ship to production many times a day and keep our release process boring on purpose.",
	"Our customers range from single-person shops to national chains with hundreds of locations.",
	"We write things down, we review each other's work kindly, and we try to keep meetings short.",
}

var roleSentences = []string{
	"The {product} team looks after one of the busiest parts of our platform.",
	"You will join a team of six engineers, a designer and a data analyst.",
	"This is a new position created because the {product} area has grown quickly.",
	"You will report to the Head of Product and work closely with engineering leads.",
	"The team has a good delivery rhythm and wants someone to sharpen its focus.",
	"Customers have asked us for many improvements to {product}, and choosing well matters.",
}

var teamSentences = []string{
	"Our teams are small, stable and long-lived.",
	"Most of the team works remotely and meets in person once a quarter.",
	"We value clear writing and calm, direct feedback.",
	"You will have time and budget for learning and conferences.",
	"We pair a lot and keep work in progress small.",
}

var poDuties = []string{
	"Own and order the product backlog for the {product} team",
	"Write user stories and acceptance criteria together with the developers",
	"Lead sprint planning and agree a Sprint Goal with the Scrum team",
	"Run backlog refinement so upcoming items are small and well understood",
	"Inspect the increment at the sprint review and collect feedback from users",
	"Accept completed stories against the definition of done",
	"Be available to the developers every day to answer questions about backlog items",
	"Keep the product backlog transparent and visible to everyone involved",
	"Maximise the value the team delivers in each sprint",
	"Split epics into stories that fit into a single sprint",
	"Take part in the sprint retrospective and help the team improve",
	"Define the Product Goal for {product} and keep the backlog aligned with it",
}

var pmDuties = []string{
	"Research the market for {domain} and size new opportunities",
	"Own pricing and packaging for the {product} plans",
	"Write the business case for major investments and track their revenue impact",
	"Analyse competitors and position {product} against them",
	"Plan the go-to-market for every launch with sales and marketing",
	"Run customer discovery interviews to find problems worth solving",
	"Own the profit and loss of the {product} line",
	"Set product strategy for {product} based on market insight",
	"Work with marketing on positioning, messaging and launch plans",
	"Define the target segments and the ideal customer profile",
	"Track market trends and turn them into new product opportunities",
	"Build the commercial model and revenue forecasts for new features",
}

var sharedDuties = []string{
	"Share a clear vision for {product} with the team and stakeholders",
	"Keep a simple roadmap that shows where {product} is heading",
	"Talk with customers regularly and bring what you learn back to the team",
	"Work with stakeholders across support, sales and finance",
	"Use product analytics to measure the outcome of what we ship",
	"Decide with the team which problems to tackle first",
}

var projectDuties = []string{
	"Manage project scope, schedule and budget for client implementations",
	"Keep the project plan, the RAID log and the status reports up to date",
	"Coordinate resources across delivery teams and track milestones",
	"Manage client accounts, renewals and upsell conversations",
	"Run weekly status meetings with clients and escalate risks",
	"Manage vendors and their contracts for each project",
	"Prepare steering committee reports on budget and timeline",
	"Own the change request process with the client",
	"Plan resource allocation across several parallel projects",
	"Make sure each project is delivered on time and within budget",
}

var poSkills = []string{
	"Two or more years as a Product Owner in a Scrum team",
	"A PSPO or CSPO certification",
	"Experience writing user stories and acceptance criteria",
	"Comfort with Jira or a similar backlog tool",
	"Experience running sprint reviews with real users",
}

var pmSkills = []string{
	"Five years of product management in B2B software",
	"Experience with pricing strategy and market analysis",
	"A track record of successful product launches",
	"Comfort building business cases and revenue models",
	"Experience with competitive analysis and positioning",
}

var projectSkills = []string{
	"A PMP or PRINCE2 certification",
	"Experience managing client projects of six months or more",
	"Strong budget and schedule management",
	"Experience with account management and renewals",
}

var generalSkills = []string{
	"Clear written and spoken English",
	"Curiosity and a habit of asking why",
	"Calm under pressure and good at saying no kindly",
	"Experience in {domain} is a plus but not required",
	"Comfort with numbers and simple spreadsheets",
	"A collaborative style and respect for other disciplines",
}

var benefitItems = []string{
	"Thirty days of paid holiday plus public holidays",
	"A yearly learning budget for books, courses and conferences",
	"Flexible working hours and the option to work remotely",
	"A company pension with a generous employer contribution",
	"A new laptop and a budget for your home office",
	"Paid parental leave beyond the legal minimum",
	"Health insurance for you and your family",
	"Two volunteering days every year",
}

var eeoSentences = []string{
	"{company} is an equal opportunity employer and welcomes applications from everyone.",
	"We welcome applicants of every background, and we make adjustments for interviews on request.",
	"We hire for skills and potential and do not discriminate on any protected characteristic.",
}

var howSentences = []string{
	"Teams plan their own work and share progress in a short written update every Friday.",
	"We keep a single source of truth for decisions so that nobody has to dig through chat history.",
	"Everyone spends a day each month listening in on customer support calls.",
	"We prefer small releases behind feature flags to big launches.",
	"Incidents are reviewed without blame, and the write-ups are open to the whole company.",
	"Our offices are open, but nobody is expected to come in on a fixed schedule.",
}

var processSentences = []string{
	"The process has four steps: a short call, a conversation with the team, a practical exercise and a final chat.",
	"We reply to every application within ten working days.",
	"The practical exercise is paid and takes no more than three hours.",
	"Tell us in your application if you need any adjustments, and we will make them.",
}
