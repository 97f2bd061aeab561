int x; 
	
/* a rather long line of code */	
